//! The rotating MIP on HiGHS as a circulation on a graph whose closed walks are the valid
//! chains ([`super::graph`]); its size does not grow with N.
//!
//! The integer y[arc] counts how often the chain uses the arc. Flow is conserved at every
//! node, and the cells the arcs put on each weekday meet the demand exactly, per shift and for
//! days off (N minus the day's demand). Any such flow whose arcs form one connected graph is
//! Eulerian: walking it gives one cyclic chain of exactly 7·N days keeping every rule, also
//! across the wrap. Connectivity is added as needed: when a solution falls apart into several
//! closed walks, a cut "some arc leaves this part, if nodes on both sides are used" is added
//! and HiGHS runs again (see [`super::solve`]).

use super::graph::Graph;
use super::{Instance, Schedule, WEEK};
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
    /// The model, ready for [`crate::solve::run::run_model`].
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

/// Builds the flow model on `graph`, with the connectivity cuts found so far.
pub fn build(instance: &Instance, graph: &Graph, cuts: &[Cut]) -> FlowModel {
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
    FlowModel {
        model: RotaModel {
            vars: b.vars,
            var_count: b.count,
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

/// Walks the used arcs (one connected Eulerian multigraph) as one closed walk and lays it on
/// the chain. Errors when the arcs do not form one walk of exactly 7·N days.
pub fn chain(instance: &Instance, graph: &Graph, counts: &[usize]) -> Result<Schedule, String> {
    let nodes = graph.node_count;
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
        cells.extend_from_slice(&graph.arcs[a].cells);
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
