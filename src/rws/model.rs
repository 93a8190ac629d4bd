//! The rotating MIP on HiGHS as a flow over weekdays, the size of which does not grow with N.
//!
//! The chain is a cycle of work blocks, each followed by a days-off block. A *work pattern* is
//! a sequence of shifts that can form one whole work block: an allowed work-block length, each
//! run of one shift type an allowed block of that type (a run cannot cross a day off), and no
//! forbidden sequence inside. An *arc* is "a work block with pattern p starting on weekday j,
//! then l days off": it leads from node j to node (j + |p| + l) mod 7. When a forbidden
//! sequence reaches past a days-off block into the next work block ("N - D"), nodes are
//! (weekday, first shift of the block starting there) so each arc knows what follows it, and
//! arcs that would complete a forbidden sequence are left out.
//!
//! The integer y[arc] counts how often the chain uses the arc. Flow is conserved at every
//! node, and the days the arcs put on each weekday meet the demand exactly, per shift and for
//! days off (N minus the demand). Any such flow whose arcs form one connected graph is an
//! Eulerian multigraph: walking it gives one cyclic chain of exactly 7·N days meeting every
//! rule, also across the wrap. Connectivity is added as needed: when a solution falls apart
//! into several closed walks, a cut "some arc leaves this part, if nodes on both sides are
//! used" is added and HiGHS runs again (see [`super::solve`]).

use super::{Instance, Schedule, WEEK};
use crate::solve::model::RotaModel;
use good_lp::{Constraint, Expression, ProblemVariables, Variable, constraint, variable};

/// A work block with a pattern on a weekday, then a days-off block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arc {
    /// The node it leaves: the weekday its work block starts on (and that block's first shift).
    pub from: usize,
    /// The node it enters: the weekday the next work block starts on (and its first shift).
    pub to: usize,
    /// The weekday its work block starts on.
    pub weekday: usize,
    /// Index into [`Graph::patterns`].
    pub pattern: usize,
    /// Days off after the work block.
    pub off: usize,
}

/// Nodes, patterns and arcs of an instance.
#[derive(Clone, Debug)]
pub struct Graph {
    /// Nodes per weekday: the number of shift types when arcs must know the next block's
    /// first shift, else 1.
    pub nodes_per_weekday: usize,
    /// The work patterns.
    pub patterns: Vec<Vec<usize>>,
    /// The arcs.
    pub arcs: Vec<Arc>,
}

impl Graph {
    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        WEEK * self.nodes_per_weekday
    }
}

/// A connectivity cut: some arc of `leaving` is used whenever nodes `inside` and `outside`
/// both are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cut {
    /// Arcs from the part to the rest.
    pub leaving: Vec<usize>,
    /// A node of the part.
    pub inside: usize,
    /// A node of the rest.
    pub outside: usize,
}

/// All work patterns: shift sequences that can form one whole work block.
pub fn work_patterns(instance: &Instance) -> Vec<Vec<usize>> {
    // A work block leaves at least one day off in the chain.
    let longest = instance.work_block.max.min(instance.days() - 1);
    let internal: Vec<&Vec<Option<usize>>> = instance
        .forbidden
        .iter()
        .filter(|sequence| sequence.iter().all(Option::is_some))
        .collect();
    let mut patterns = Vec::new();
    let mut pattern = Vec::with_capacity(longest);
    extend(instance, &internal, longest, &mut pattern, 0, &mut patterns);
    patterns
}

/// Depth-first: `pattern` ends with a run of `run` days of its last shift.
fn extend(
    instance: &Instance,
    internal: &[&Vec<Option<usize>>],
    longest: usize,
    pattern: &mut Vec<usize>,
    run: usize,
    out: &mut Vec<Vec<usize>>,
) {
    let last = pattern.last().copied();
    let run_complete = last.is_none_or(|s| run >= instance.shifts[s].block.min);
    if pattern.len() >= instance.work_block.min && run_complete {
        out.push(pattern.clone());
    }
    if pattern.len() == longest {
        return;
    }
    for s in 0..instance.shifts.len() {
        let next_run = if Some(s) == last {
            run + 1
        } else if run_complete {
            1
        } else {
            continue;
        };
        if next_run > instance.shifts[s].block.max {
            continue;
        }
        pattern.push(s);
        let forbidden = internal.iter().any(|sequence| ends_with(pattern, sequence));
        if !forbidden {
            extend(instance, internal, longest, pattern, next_run, out);
        }
        pattern.pop();
    }
}

fn ends_with(pattern: &[usize], sequence: &[Option<usize>]) -> bool {
    sequence.len() <= pattern.len()
        && pattern[pattern.len() - sequence.len()..]
            .iter()
            .zip(sequence)
            .all(|(&cell, &element)| element == Some(cell))
}

/// Whether some forbidden sequence has a shift after a day off, so it can reach from one
/// work block over the days off into the next.
fn next_block_matters(instance: &Instance) -> bool {
    instance.forbidden.iter().any(|sequence| {
        sequence
            .iter()
            .skip_while(|element| element.is_some())
            .any(Option::is_some)
    })
}

/// Builds the nodes, patterns and arcs. Forbidden sequences are at most 3 days long, so each
/// one lies within "a day off, a work block, its days off, the next block's first shift".
pub fn graph(instance: &Instance) -> Graph {
    let shifts = instance.shifts.len();
    let per_weekday = if next_block_matters(instance) {
        shifts
    } else {
        1
    };
    let node = |weekday: usize, first: usize| weekday * per_weekday + first % per_weekday;
    let patterns = work_patterns(instance);
    let longest_off = instance.off_block.max.min(instance.days() - 1);
    let mut arcs = Vec::new();
    let mut window: Vec<Option<usize>> = Vec::new();
    for weekday in 0..WEEK {
        for (p, pattern) in patterns.iter().enumerate() {
            for off in instance.off_block.min..=longest_off {
                for next in 0..per_weekday {
                    window.clear();
                    window.push(None);
                    window.extend(pattern.iter().map(|&s| Some(s)));
                    window.extend(std::iter::repeat_n(None, off));
                    if per_weekday > 1 {
                        window.push(Some(next));
                    }
                    if contains_forbidden(instance, &window) {
                        continue;
                    }
                    arcs.push(Arc {
                        from: node(weekday, pattern[0]),
                        to: node((weekday + pattern.len() + off) % WEEK, next),
                        weekday,
                        pattern: p,
                        off,
                    });
                }
            }
        }
    }
    Graph {
        nodes_per_weekday: per_weekday,
        patterns,
        arcs,
    }
}

fn contains_forbidden(instance: &Instance, days: &[Option<usize>]) -> bool {
    instance.forbidden.iter().any(|sequence| {
        days.windows(sequence.len())
            .any(|window| window == sequence.as_slice())
    })
}

/// The built model and where its arc counts are.
pub struct FlowModel {
    /// The model, ready for [`crate::solve::run::run_model`].
    pub model: RotaModel,
    /// Column index of y[arc] is the arc's index; this many arcs.
    pub arc_count: usize,
}

struct Builder<'a> {
    instance: &'a Instance,
    graph: &'a Graph,
    y: Vec<Variable>,
    used: Vec<Variable>,
    constraints: Vec<Constraint>,
}

/// Builds the flow model for `graph`, with the connectivity cuts found so far.
pub fn build(instance: &Instance, graph: &Graph, cuts: &[Cut]) -> FlowModel {
    let mut vars = ProblemVariables::new();
    let most = instance.employees as f64;
    let y: Vec<Variable> = graph
        .arcs
        .iter()
        .map(|_| vars.add(variable().integer().min(0).max(most)))
        .collect();
    let used: Vec<Variable> = (0..graph.node_count())
        .map(|_| vars.add(variable().binary()))
        .collect();
    let var_count = y.len() + used.len();
    let mut b = Builder {
        instance,
        graph,
        y,
        used,
        constraints: Vec::new(),
    };
    flow_conservation(&mut b);
    exact_demand(&mut b);
    node_used(&mut b);
    connectivity_cuts(&mut b, cuts);
    FlowModel {
        model: RotaModel {
            vars,
            var_count,
            constraints: b.constraints,
            objective: Expression::from(0.0),
            x: Vec::new(),
            used: Vec::new(),
            uncovered: Vec::new(),
            qualification_level: Vec::new(),
        },
        arc_count: graph.arcs.len(),
    }
}

/// The chain enters each node as often as it leaves it.
fn flow_conservation(b: &mut Builder) {
    let nodes = b.graph.node_count();
    let mut balance = vec![Expression::from(0.0); nodes];
    for (arc, &y) in b.graph.arcs.iter().zip(&b.y) {
        balance[arc.from] += y;
        balance[arc.to] -= y;
    }
    for expression in balance {
        b.constraints.push(constraint!(expression == 0));
    }
}

/// Exactly the demand: per weekday, the arcs put each shift on it as often as the demand says,
/// and a day off N minus the day's whole demand times (each employee is one week row).
fn exact_demand(b: &mut Builder) {
    let shifts = b.instance.shifts.len();
    // planned[weekday][shift], with index `shifts` for days off.
    let mut planned = vec![vec![Expression::from(0.0); shifts + 1]; WEEK];
    for (arc, &y) in b.graph.arcs.iter().zip(&b.y) {
        let pattern = &b.graph.patterns[arc.pattern];
        for (i, &s) in pattern.iter().enumerate() {
            planned[(arc.weekday + i) % WEEK][s] += y;
        }
        for i in pattern.len()..pattern.len() + arc.off {
            planned[(arc.weekday + i) % WEEK][shifts] += y;
        }
    }
    let weeks = b.instance.employees as i64;
    for (weekday, row) in planned.into_iter().enumerate() {
        let mut taken = 0;
        for (s, expression) in row.into_iter().enumerate() {
            let wanted = if s < shifts {
                let demand = i64::from(b.instance.demand[s][weekday]);
                taken += demand;
                demand
            } else {
                weeks - taken
            };
            b.constraints.push(constraint!(expression == wanted as f64));
        }
    }
}

/// used[node] is 1 exactly when the chain passes the node.
fn node_used(b: &mut Builder) {
    let most = b.instance.employees as f64;
    let mut leaving = vec![Expression::from(0.0); b.graph.node_count()];
    for (arc, &y) in b.graph.arcs.iter().zip(&b.y) {
        leaving[arc.from] += y;
    }
    for (node, out) in leaving.into_iter().enumerate() {
        let used = b.used[node];
        b.constraints.push(constraint!(out.clone() <= most * used));
        b.constraints.push(constraint!(used <= out));
    }
}

/// One closed walk: for each cut, when both its nodes are used an arc leaves its part.
fn connectivity_cuts(b: &mut Builder, cuts: &[Cut]) {
    for cut in cuts {
        let leaving: Expression = cut.leaving.iter().map(|&a| b.y[a]).sum();
        let (inside, outside) = (b.used[cut.inside], b.used[cut.outside]);
        b.constraints
            .push(constraint!(leaving >= inside + outside - 1));
    }
}

/// Arc counts from the column values (rounded).
pub fn arc_counts(arc_count: usize, values: &[f64]) -> Vec<usize> {
    (0..arc_count)
        .map(|a| values.get(a).map_or(0, |&v| v.round().max(0.0) as usize))
        .collect()
}

/// The parts (node sets) of the graph the used arcs form, largest flow first; one part when
/// the arcs make one closed walk.
pub fn parts(graph: &Graph, counts: &[usize]) -> Vec<Vec<usize>> {
    let nodes = graph.node_count();
    // Union-find over nodes joined by used arcs.
    let mut parent: Vec<usize> = (0..nodes).collect();
    fn root(parent: &mut [usize], mut n: usize) -> usize {
        while parent[n] != n {
            parent[n] = parent[parent[n]];
            n = parent[n];
        }
        n
    }
    let mut flow = vec![0; nodes];
    for (arc, &count) in graph.arcs.iter().zip(counts) {
        if count > 0 {
            flow[arc.from] += count;
            let (a, b) = (root(&mut parent, arc.from), root(&mut parent, arc.to));
            parent[a] = b;
        }
    }
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut part_of_root = vec![usize::MAX; nodes];
    for node in (0..nodes).filter(|&n| flow[n] > 0) {
        let r = root(&mut parent, node);
        if part_of_root[r] == usize::MAX {
            part_of_root[r] = parts.len();
            parts.push(Vec::new());
        }
        parts[part_of_root[r]].push(node);
    }
    for part in &mut parts {
        part.sort_by_key(|&n| std::cmp::Reverse(flow[n]));
    }
    parts.sort_by_key(|part| std::cmp::Reverse(part.iter().map(|&n| flow[n]).sum::<usize>()));
    parts
}

/// Cuts that join `parts` (two or more): for each part, some arc leaves it when its busiest
/// node and the busiest node of another part are both used.
pub fn cuts_for(graph: &Graph, parts: &[Vec<usize>]) -> Vec<Cut> {
    let nodes = graph.node_count();
    let mut cuts = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let mut inside = vec![false; nodes];
        for &n in part {
            inside[n] = true;
        }
        let other = if i == 0 { 1 } else { 0 };
        let (Some(&here), Some(&there)) = (part.first(), parts.get(other).and_then(|p| p.first()))
        else {
            continue;
        };
        let leaving = graph
            .arcs
            .iter()
            .enumerate()
            .filter(|(_, arc)| inside[arc.from] && !inside[arc.to])
            .map(|(a, _)| a)
            .collect();
        cuts.push(Cut {
            leaving,
            inside: here,
            outside: there,
        });
    }
    cuts
}

/// Walks the used arcs (one connected Eulerian multigraph) as one closed walk and lays it on
/// the chain. Errors when the arcs do not form one walk of exactly 7·N days.
pub fn chain(instance: &Instance, graph: &Graph, counts: &[usize]) -> Result<Schedule, String> {
    let nodes = graph.node_count();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    for (a, (arc, &count)) in graph.arcs.iter().zip(counts).enumerate() {
        out[arc.from].extend(std::iter::repeat_n(a, count));
    }
    let total: usize = counts.iter().sum();
    let Some(start) = (0..nodes).find(|&n| !out[n].is_empty()) else {
        return Err("the solver used no work block".into());
    };
    // Hierholzer: a stack of (node, arc that entered it).
    let mut stack: Vec<(usize, Option<usize>)> = vec![(start, None)];
    let mut walk: Vec<usize> = Vec::with_capacity(total);
    while let Some(&(node, entered)) = stack.last() {
        if let Some(a) = out[node].pop() {
            stack.push((graph.arcs[a].to, Some(a)));
        } else {
            stack.pop();
            if let Some(a) = entered {
                walk.push(a);
            }
        }
    }
    walk.reverse();
    if walk.len() != total {
        return Err("the arcs the solver used do not form one closed walk".into());
    }
    let days = instance.days();
    let mut cells: Vec<Option<usize>> = Vec::with_capacity(days);
    for &a in &walk {
        let arc = &graph.arcs[a];
        cells.extend(graph.patterns[arc.pattern].iter().map(|&s| Some(s)));
        cells.extend(std::iter::repeat_n(None, arc.off));
    }
    if cells.len() != days {
        return Err(format!(
            "the solver's blocks make {} days, not {days}",
            cells.len()
        ));
    }
    // The walk starts on the weekday of its first block: lay it from that day of week 1.
    let first = walk.first().map_or(0, |&a| graph.arcs[a].weekday);
    cells.rotate_right(first);
    Ok(cells
        .chunks(WEEK)
        .map(|week| {
            let mut row = [None; WEEK];
            row.copy_from_slice(week);
            row
        })
        .collect())
}
