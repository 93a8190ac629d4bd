//! The rotating MIP on HiGHS as a circulation on a graph whose closed walks are the valid
//! chains ([`super::graph`]); its size does not grow with N.
//!
//! The integer y[arc] counts how often the chain uses the arc. Flow is conserved at every
//! node, and the cells the arcs put on each weekday meet the demand exactly, per shift and for
//! days off (N minus the day's demand). Any such flow whose arcs form one connected graph is
//! Eulerian: walking it gives one cyclic chain of exactly 7·N days keeping every rule, also
//! across the wrap.
//!
//! Connectivity is handled as needed (see [`super::solve`]). When a solution falls apart into
//! several closed walks, they are first spliced together where the rules allow ([`join`]: cut
//! both on the same weekday after a day off and join them, which keeps the demand). When that
//! fails, HiGHS runs again with cuts "some arc leaves this part when a node inside and one
//! outside are used" and with the connectivity of the small phase graph ([`PHASES`]: on which
//! weekdays work blocks and days-off blocks start), which rules out at once the typical
//! relaxation of weekly walks each aligned to its own weekdays.

use super::graph::{Cell, Graph, PHASES};
use super::{Finding, Instance, Schedule, WEEK};
use crate::solve::model::RotaModel;
use good_lp::{Constraint, Expression, ProblemVariables, Variable, constraint, variable};

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

/// The built model and where its arc counts are.
pub struct FlowModel {
    /// The model, ready for [`super::run::run`].
    pub model: RotaModel,
    /// Column index of y[arc] is the arc's index; this many arcs.
    pub arc_count: usize,
}

struct Builder<'a> {
    instance: &'a Instance,
    graph: &'a Graph,
    vars: ProblemVariables,
    count: usize,
    y: Vec<Variable>,
    constraints: Vec<Constraint>,
}

/// Builds the flow model on `graph`, with the connectivity cuts found so far and, when
/// `phases`, connectivity of the phase graph.
pub fn build(instance: &Instance, graph: &Graph, cuts: &[Cut], phases: bool) -> FlowModel {
    let mut vars = ProblemVariables::new();
    let most = instance.employees as f64;
    let y: Vec<Variable> = graph
        .arcs
        .iter()
        .map(|_| vars.add(variable().integer().min(0).max(most)))
        .collect();
    let mut b = Builder {
        instance,
        graph,
        vars,
        count: y.len(),
        y,
        constraints: Vec::new(),
    };
    flow_conservation(&mut b);
    exact_demand(&mut b);
    connectivity_cuts(&mut b, cuts);
    if phases {
        phases_connected(&mut b);
    }
    FlowModel {
        model: RotaModel::feasibility(b.vars, b.count, b.constraints),
        arc_count: graph.arcs.len(),
    }
}

/// The chain enters each node as often as it leaves it.
fn flow_conservation(b: &mut Builder) {
    let nodes = b.graph.node_count;
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
        for (i, cell) in arc.cells.iter().enumerate() {
            planned[(arc.weekday + i) % WEEK][cell.unwrap_or(shifts)] += y;
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

/// One closed walk: for each cut, when both its nodes are used an arc leaves its part. A node
/// is used when an arc leaves it: used[node] is 1 exactly then (only for the cuts' nodes).
fn connectivity_cuts(b: &mut Builder, cuts: &[Cut]) {
    let most = b.instance.employees as f64;
    let mut used: Vec<Option<Variable>> = vec![None; b.graph.node_count];
    for cut in cuts {
        for node in [cut.inside, cut.outside] {
            if used[node].is_none() {
                let v = b.vars.add(variable().binary());
                b.count += 1;
                let out: Expression = b
                    .graph
                    .arcs
                    .iter()
                    .zip(&b.y)
                    .filter(|(arc, _)| arc.from == node)
                    .map(|(_, &y)| y)
                    .sum();
                b.constraints.push(constraint!(out.clone() <= most * v));
                b.constraints.push(constraint!(v <= out));
                used[node] = Some(v);
            }
        }
        let (Some(inside), Some(outside)) = (used[cut.inside], used[cut.outside]) else {
            continue;
        };
        let leaving: Expression = cut.leaving.iter().map(|&a| b.y[a]).sum();
        b.constraints
            .push(constraint!(leaving >= inside + outside - 1));
    }
}

/// The blocks form one closed walk through the phase graph ([`PHASES`]): a used phase node
/// is the root; it sends a commodity along used phase edges of which every other used phase
/// node keeps one unit, so all are reachable from the root. This rules out, without waiting
/// for cuts, chains that fall apart into walks whose blocks start on different weekdays.
fn phases_connected(b: &mut Builder) {
    let most = b.instance.employees as f64 * WEEK as f64;
    let big = PHASES as f64;
    let mut edges = vec![vec![Expression::from(0.0); PHASES]; PHASES];
    let mut present = vec![vec![false; PHASES]; PHASES];
    for (arc, &y) in b.graph.arcs.iter().zip(&b.y) {
        if let Some((from, to)) = arc.phase {
            edges[from][to] += y;
            present[from][to] = true;
        }
    }
    let mut out = vec![Expression::from(0.0); PHASES];
    let mut net_in = vec![Expression::from(0.0); PHASES];
    for from in 0..PHASES {
        for to in 0..PHASES {
            if !present[from][to] {
                continue;
            }
            let blocks = std::mem::take(&mut edges[from][to]);
            out[from] += blocks.clone();
            let commodity = b.vars.add(variable().min(0));
            b.count += 1;
            b.constraints.push(constraint!(commodity <= big * blocks));
            net_in[to] += commodity;
            net_in[from] -= commodity;
        }
    }
    let mut roots = Expression::from(0.0);
    for (out, net_in) in out.into_iter().zip(net_in) {
        let used = b.vars.add(variable().binary());
        let root = b.vars.add(variable().binary());
        b.count += 2;
        b.constraints.push(constraint!(out.clone() <= most * used));
        b.constraints.push(constraint!(used <= out));
        b.constraints.push(constraint!(root <= used));
        b.constraints.push(constraint!(net_in >= used - big * root));
        roots += root;
    }
    b.constraints.push(constraint!(roots == 1));
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
    let nodes = graph.node_count;
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
    let nodes = graph.node_count;
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

/// One closed walk over all used arcs from `start` on (Hierholzer), taking them out of `out`.
fn closed_walk(graph: &Graph, out: &mut [Vec<usize>], start: usize) -> Vec<usize> {
    let mut stack: Vec<(usize, Option<usize>)> = vec![(start, None)];
    let mut walk = Vec::new();
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
    walk
}

/// The used arcs as closed walks, one per part of the graph, largest first; each as its cells
/// with index 0 on a Monday (its length is a multiple of 7).
pub fn walks(graph: &Graph, counts: &[usize]) -> Vec<Vec<Cell>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); graph.node_count];
    for (a, (arc, &count)) in graph.arcs.iter().zip(counts).enumerate() {
        out[arc.from].extend(std::iter::repeat_n(a, count));
    }
    let mut walks = Vec::new();
    while let Some(start) = (0..graph.node_count).find(|&n| !out[n].is_empty()) {
        let walk = closed_walk(graph, &mut out, start);
        let mut cells: Vec<Cell> = walk
            .iter()
            .flat_map(|&a| graph.arcs[a].cells.iter().copied())
            .collect();
        // The walk starts on the weekday of its first arc.
        let first = walk.first().map_or(0, |&a| graph.arcs[a].weekday);
        cells.rotate_right(first % WEEK);
        walks.push(cells);
    }
    walks.sort_by_key(|cells| std::cmp::Reverse(cells.len()));
    walks
}

/// Splices `a` and `b` (Monday-first closed walks) into one that keeps every rule: both cut
/// on the same weekday, each just after a day off, and joined as a's rest, a's start, b's
/// rest, b's start. The demand per weekday stays the same. None when no cut works.
fn splice(instance: &Instance, a: &[Cell], b: &[Cell]) -> Option<Vec<Cell>> {
    let after_off = |cells: &[Cell], p: usize| cells[(p + cells.len() - 1) % cells.len()].is_none();
    let mut joined = Vec::with_capacity(a.len() + b.len());
    for p in (0..a.len()).filter(|&p| after_off(a, p)) {
        for q in (p % WEEK..b.len())
            .step_by(WEEK)
            .filter(|&q| after_off(b, q))
        {
            joined.clear();
            joined.extend_from_slice(&a[p..]);
            joined.extend_from_slice(&a[..p]);
            joined.extend_from_slice(&b[q..]);
            joined.extend_from_slice(&b[..q]);
            if super::graph::keeps_rules(instance, &joined) {
                // It starts on p's weekday: put Monday first again.
                joined.rotate_right(p % WEEK);
                return Some(joined);
            }
        }
    }
    None
}

/// Joins closed walks into one by splicing them pairwise (see `splice`); None when some
/// cannot be joined, and the model needs a connectivity cut instead.
pub fn join(instance: &Instance, mut walks: Vec<Vec<Cell>>) -> Option<Vec<Cell>> {
    while walks.len() > 1 {
        let mut joined = None;
        'pairs: for i in 0..walks.len() {
            for j in i + 1..walks.len() {
                if let Some(cells) = splice(instance, &walks[i], &walks[j]) {
                    joined = Some((i, j, cells));
                    break 'pairs;
                }
            }
        }
        let (i, j, cells) = joined?;
        walks.remove(j);
        walks[i] = cells;
    }
    walks.pop()
}

/// The chain (Monday-first cells of one closed walk) as week rows. Errors when it is not
/// exactly 7·N days.
pub fn schedule(instance: &Instance, cells: &[Cell]) -> Result<Schedule, Finding> {
    let days = instance.days();
    if cells.len() != days {
        return Err(Finding::ChainLength {
            days: cells.len(),
            expected: days,
        });
    }
    Ok(cells
        .chunks(WEEK)
        .map(|week| {
            let mut row = [None; WEEK];
            row.copy_from_slice(week);
            row
        })
        .collect())
}
