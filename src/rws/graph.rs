//! The graph the flow model ([`super::model`]) runs on: a closed walk through it is a
//! rotating chain that keeps every block length and forbidden sequence; what the model must
//! still add is the demand and that the walk is one.
//!
//! An arc is one day. A node is a weekday and a state after a day on it: the day's cell, how
//! long its run (of one shift type, or of days off) and its work block have lasted, and the
//! cell before it when a forbidden sequence is three days long. An arc exists where the next
//! cell keeps every rule: a run may grow only up to its longest block and end only after its
//! shortest, and no forbidden sequence may end on the new day.
//!
//! (An earlier version used whole work blocks as arcs, "a block with a shift pattern starting
//! on weekday j, then l days off"; HiGHS decided Example1–50 several times more slowly on
//! it, because each arc then counts towards many demand rows.)

use super::{Instance, WEEK};
use crate::solve::run::SolveControl;
use std::collections::HashMap;
use std::time::Instant;

/// Most transitions (a state and the next day's cell) the graph may have; the benchmark's
/// largest has about 100. Larger graphs are not built (see [`Unbuilt::TooLarge`]).
pub const MAX_TRANSITIONS: usize = 50_000;

/// Why [`days`] did not build the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unbuilt {
    /// The deadline passed while building.
    TimeLimit,
    /// Cancelled while building.
    Cancelled,
    /// It would have more than [`MAX_TRANSITIONS`] transitions.
    TooLarge,
}

/// A day's cell: a shift index, or None for a day off.
pub type Cell = Option<usize>;

/// A piece of the chain: `cells` on consecutive days, the first on `weekday`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arc {
    /// The node it leaves.
    pub from: usize,
    /// The node it enters.
    pub to: usize,
    /// Weekday of its first cell (0 = Monday).
    pub weekday: usize,
    /// The cells it puts on the chain.
    pub cells: Vec<Cell>,
    /// Where a block ends on it: the edge of the phase graph it stands for (see [`PHASES`]).
    pub phase: Option<(usize, usize)>,
}

/// Nodes of the phase graph: 0..7 "a work block starts on this weekday", 7..14 "a days-off
/// block starts on this weekday". Each work block is an edge from its start to the start of
/// the days off after it, each days-off block one from its start to the next work block's, so
/// the chain's blocks are one closed walk through this small graph too.
pub const PHASES: usize = 2 * WEEK;

/// Nodes (0..node_count) and arcs.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// Number of nodes.
    pub node_count: usize,
    /// The arcs.
    pub arcs: Vec<Arc>,
}

/// Whether the graphs apply: forbidden sequences of 1 to 3 days (the benchmark's are 2 or 3).
pub fn applies(instance: &Instance) -> bool {
    instance
        .forbidden
        .iter()
        .all(|sequence| (1..=3).contains(&sequence.len()))
}

/// The state after a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct State {
    /// The cell of the day before (only kept when a forbidden sequence is 3 days long).
    before: Cell,
    /// The day's cell.
    cell: Cell,
    /// Days the run of `cell` has lasted (a run of one shift type, or of days off).
    run: usize,
    /// Days the work block has lasted (0 on a day off).
    work: usize,
}

/// The state after `state` and then `next`, or None where that breaks a rule.
fn step(instance: &Instance, keep_before: bool, state: State, next: Cell) -> Option<State> {
    let window = [state.before, state.cell, next];
    let breaks = instance
        .forbidden
        .iter()
        .any(|sequence| match sequence.len() {
            1 => sequence[0] == next,
            2 => sequence[..] == window[1..],
            _ => keep_before && sequence[..] == window[..],
        });
    if breaks {
        return None;
    }
    let (run, work) = match (state.cell, next) {
        (Some(s), Some(t)) if s == t => {
            (state.run < instance.shifts[s].block.max).then_some((state.run + 1, state.work + 1))?
        }
        (Some(s), Some(_)) => {
            (state.run >= instance.shifts[s].block.min).then_some((1, state.work + 1))?
        }
        (Some(s), None) => (state.run >= instance.shifts[s].block.min
            && state.work >= instance.work_block.min)
            .then_some((1, 0))?,
        (None, None) => (state.run < instance.off_block.max).then_some((state.run + 1, 0))?,
        (None, Some(_)) => (state.run >= instance.off_block.min).then_some((1, 1))?,
    };
    if work > instance.work_block.max {
        return None;
    }
    Some(State {
        before: if keep_before { state.cell } else { None },
        cell: next,
        run,
        work,
    })
}

/// The day graph: node = (weekday, state after a day on that weekday), arc = the next day.
///
/// Building stops at `deadline` (when given), on cancel, or past [`MAX_TRANSITIONS`]: block
/// lengths near the chain's length make the states grow as their product.
pub fn days(
    instance: &Instance,
    deadline: Option<Instant>,
    control: &SolveControl,
) -> Result<Graph, Unbuilt> {
    let interrupted = || {
        if control.is_cancelled() {
            Some(Unbuilt::Cancelled)
        } else if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
            Some(Unbuilt::TimeLimit)
        } else {
            None
        }
    };
    let keep_before = instance
        .forbidden
        .iter()
        .any(|sequence| sequence.len() == 3);
    let shifts = instance.shifts.len();
    let cells: Vec<Cell> = std::iter::once(None).chain((0..shifts).map(Some)).collect();
    // Every chain with work and days off passes a day off; these are all such states.
    let mut states: Vec<State> = Vec::new();
    let mut index: HashMap<State, usize> = HashMap::new();
    let mut seeds = Vec::new();
    for s in 0..shifts {
        seeds.push(State {
            before: if keep_before { Some(s) } else { None },
            cell: None,
            run: 1,
            work: 0,
        });
    }
    for run in 2..=instance.off_block.max {
        seeds.push(State {
            before: None,
            cell: None,
            run,
            work: 0,
        });
    }
    for seed in seeds {
        if let std::collections::hash_map::Entry::Vacant(entry) = index.entry(seed) {
            entry.insert(states.len());
            states.push(seed);
        }
    }
    // Breadth first over the states the seeds lead to.
    let mut transitions: Vec<(usize, Cell, usize)> = Vec::new();
    let mut next_state = 0;
    while next_state < states.len() {
        if transitions.len() > MAX_TRANSITIONS {
            return Err(Unbuilt::TooLarge);
        }
        if next_state % 1024 == 0
            && let Some(why) = interrupted()
        {
            return Err(why);
        }
        let state = states[next_state];
        for &cell in &cells {
            let Some(after) = step(instance, keep_before, state, cell) else {
                continue;
            };
            let to = *index.entry(after).or_insert_with(|| {
                states.push(after);
                states.len() - 1
            });
            transitions.push((next_state, cell, to));
        }
        next_state += 1;
    }
    // Keep only states from which a day off can be reached again (the others are dead ends):
    // backwards from the days off, over each transition once.
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); states.len()];
    for &(from, _, to) in &transitions {
        into[to].push(from);
    }
    let mut alive: Vec<bool> = states.iter().map(|state| state.cell.is_none()).collect();
    let mut queue: Vec<usize> = (0..states.len()).filter(|&i| alive[i]).collect();
    while let Some(to) = queue.pop() {
        for &from in &into[to] {
            if !alive[from] {
                alive[from] = true;
                queue.push(from);
            }
        }
    }
    if let Some(why) = interrupted() {
        return Err(why);
    }
    let mut renumber = vec![usize::MAX; states.len()];
    let mut count = 0;
    for (i, &ok) in alive.iter().enumerate() {
        if ok {
            renumber[i] = count;
            count += 1;
        }
    }
    let mut arcs = Vec::new();
    for weekday in 0..WEEK {
        let next_weekday = (weekday + 1) % WEEK;
        for &(from, cell, to) in &transitions {
            if alive[from] && alive[to] {
                let state = states[from];
                // A block ends on `weekday`; the next starts on `next_weekday`.
                let started = |length: usize| (weekday + WEEK * length - length + 1) % WEEK;
                let phase = match (state.cell, cell) {
                    (Some(_), None) => Some((started(state.work), WEEK + next_weekday)),
                    (None, Some(_)) => Some((WEEK + started(state.run), next_weekday)),
                    _ => None,
                };
                arcs.push(Arc {
                    from: weekday * count + renumber[from],
                    to: next_weekday * count + renumber[to],
                    weekday: next_weekday,
                    cells: vec![cell],
                    phase,
                });
            }
        }
    }
    Ok(Graph {
        node_count: WEEK * count,
        arcs,
    })
}

/// Whether the cyclic `cells` (index 0 a Monday, or any day: weekdays do not matter here) keep
/// every block length and forbidden sequence, read through the same states as the graph.
/// Used to splice closed walks together; the final word on any chain is the checker's.
pub fn keeps_rules(instance: &Instance, cells: &[Cell]) -> bool {
    let days = cells.len();
    let keep_before = instance
        .forbidden
        .iter()
        .any(|sequence| sequence.len() == 3);
    // Start on the first day of a work block: its state does not depend on what came before.
    let Some(first) =
        (0..days).find(|&d| cells[d].is_some() && cells[(d + days - 1) % days].is_none())
    else {
        return false;
    };
    let mut state = State {
        before: None,
        cell: cells[first],
        run: 1,
        work: 1,
    };
    for k in 1..=days {
        // Step k = days comes back to the first day and checks how the chain closes.
        match step(instance, keep_before, state, cells[(first + k) % days]) {
            Some(next) => state = next,
            None => return false,
        }
    }
    true
}
