//! Automatic nesting: a stack over CloudFormation's per-template limits is split, at emit time, into
//! nested stacks (see [`cfn_model::AutoNest`] for what it does and why it is opt-in).
//!
//! 1. Index: every resource's uses (`Ref`/`Fn::GetAtt` of other resources, root parameters, the
//!    root's `AWS::StackName`/`AWS::StackId`), conditions, mappings and `DependsOn`; each resource
//!    is rendered once, as the fragment its template will hold unless a reference in it must be
//!    rewritten.
//! 2. Plan: resources in declaration order are cut into parts greedily (resources, parameters,
//!    body size); a pass over the result checks outputs and sizes and halves any part over a
//!    limit. Past `max_resources` parts, parts are grouped the same way, one level per pass.
//!    References only point backwards, so every value crossing a boundary goes from an earlier part
//!    to a later one: an output of one, a parameter of the other, `Fn::GetAtt Part.Outputs.X` in
//!    their parent.
//! 3. Write: the root (its parameters, the parts, its outputs reading the parts' outputs), then each
//!    part, depth first.

use std::borrow::Cow;
use std::ops::Range;
use std::rc::Rc;

use cfn_model::expr::{is_pseudo, Expr, Ident, SubPart};
use cfn_model::{AutoNest, OutputDef, ParameterDef, Policy, ResourceDef, Tagging, Template};

use crate::attr_kinds::{kind, Kind};
use crate::fxhash::{FxHashMap, FxHashSet};
use crate::pieces::{Piece, Rendered};
use crate::validate::{Diagnostic, Severity};
use crate::write::{Open, Renames, TagCache, W};
use crate::AssemblyOptions;

/// A value a resource reads: a root parameter, the root's stack name or id, or a resource's `Ref`
/// (`None`) or attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum V<'t> {
    Param(u32),
    Pseudo(u8),
    Res(u32, Option<&'t str>),
}

const PSEUDO: [&str; 2] = ["AWS::StackName", "AWS::StackId"];
const PSEUDO_NAMES: [&str; 2] = ["RootStackName", "RootStackId"];
/// The producer of values that come from the root (parameters, pseudo parameters).
const ROOT: u32 = u32::MAX;

impl V<'_> {
    fn producer(self) -> u32 {
        match self {
            V::Res(x, _) => x,
            _ => ROOT,
        }
    }
}

/// What something (a resource, a condition, the stack-wide tags, the root outputs) needs.
#[derive(Default, Clone)]
struct Needs<'t> {
    uses: Vec<V<'t>>,
    conds: Vec<u32>,
    maps: Vec<u32>,
}

impl<'t> Needs<'t> {
    fn add_use(&mut self, v: V<'t>) {
        if !self.uses.contains(&v) {
            self.uses.push(v);
        }
    }
    fn add_cond(&mut self, c: u32) {
        if !self.conds.contains(&c) {
            self.conds.push(c);
        }
    }
    fn add_map(&mut self, m: u32) {
        if !self.maps.contains(&m) {
            self.maps.push(m);
        }
    }
}

/// One resource, indexed.
struct Res<'t> {
    id: &'t str,
    def: &'t ResourceDef,
    /// Its values read, a range of `Plan::uses`.
    uses: Range<u32>,
    conds: Vec<u32>,
    maps: Vec<u32>,
    deps: Vec<u32>,
    /// The earliest resource whose number or boolean attribute this one reads (itself if none):
    /// the part holding this resource must start at or before it.
    anchor: u32,
    /// The buffer of `frags` holding its fragment, and where.
    buf: u8,
    frag: Range<usize>,
}

/// A node of the plan: a part (resources only) or a group of parts, as a nested stack.
#[derive(Clone, Debug, Default)]
struct Node<'t> {
    /// The resources it holds, directly or below.
    res: Range<u32>,
    /// Its children in the level below (groups only).
    kids: Range<u32>,
    imports: Vec<V<'t>>,
    exports: Vec<V<'t>>,
    conds: Vec<u32>,
    maps: Vec<u32>,
    id: String,
    /// Siblings this node's stack must wait for without reading a value from them.
    after: Vec<u32>,
}

struct Plan<'t> {
    t: &'t Template,
    an: AutoNest,
    res: Vec<Res<'t>>,
    /// The values the resources read, each resource's a range.
    uses: Vec<V<'t>>,
    /// Every resource's fragment, `,\n    "Id": {…}`, in declaration order (one buffer per thread
    /// that rendered them).
    frags: Vec<Rc<String>>,
    cond_closure: Vec<Needs<'t>>,
    tags: Needs<'t>,
    outputs: Needs<'t>,
    cond_sizes: Vec<usize>,
    map_sizes: Vec<usize>,
    param_sizes: Vec<usize>,
    names: FxHashMap<V<'t>, String>,
    /// `levels[0]` are the parts, the last level the root's children.
    levels: Vec<Vec<Node<'t>>>,
    prefix: &'static str,
    errors: Vec<(String, String, String)>,
}

/// Whether automatic nesting applies to `t` before rendering it: more resources than allowed.
pub(crate) fn over_count(t: &Template) -> bool {
    t.auto_nest.is_some_and(|an| t.resources.len() > an.resources_limit())
}

/// The context a template is written in: its file name, its path in the assembly, the options.
pub(crate) struct At<'a> {
    pub name: &'a str,
    pub path: &'a str,
    pub opts: &'a AssemblyOptions,
}

/// Splits and writes `t`; on failure, the findings (the caller writes `t` unsplit).
pub(crate) fn render(
    t: &Template,
    at: &At<'_>,
    files: &mut Vec<Rendered>,
    diags: &mut Vec<Diagnostic>,
) -> Result<(), ()> {
    let Some(an) = t.auto_nest else { return Err(()) };
    let shown = at.path.replace('-', "/");
    let report = |errors: Vec<(String, String, String)>, diags: &mut Vec<Diagnostic>| {
        for (path, message, help) in errors {
            diags.push(Diagnostic {
                severity: Severity::Error,
                path: if shown.is_empty() {
                    path
                } else {
                    format!("{shown}/{path}")
                },
                message,
                help,
                code: "auto-nest",
            });
        }
    };
    let mut p = Plan::index(t, an);
    if !p.errors.is_empty() {
        report(p.errors, diags);
        return Err(());
    }
    p.plan();
    if !p.errors.is_empty() {
        report(p.errors, diags);
        return Err(());
    }
    p.write(at, files, diags);
    Ok(())
}

/// Calls `f` for every name an expression mentions, pseudo parameters included.
fn walk<'t>(e: &'t Expr, f: &mut impl FnMut(Seen<'t>)) {
    match e {
        Expr::Ref(n) => f(Seen::Ref(n)),
        Expr::GetAtt(n, a) => f(Seen::GetAtt(n, a)),
        Expr::If(c, ..) | Expr::Condition(c) => f(Seen::Cond(c)),
        Expr::FindInMap(m, ..) => f(Seen::Map(m)),
        _ => {}
    }
    e.for_each_child(|x| walk(x, f));
}

enum Seen<'t> {
    Ref(&'t str),
    GetAtt(&'t str, &'t str),
    Cond(&'t str),
    Map(&'t str),
}

fn alnum(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// Adds what `e` needs to `n`; `me` is the resource it belongs to (`None` outside resources),
/// whose `anchor` goes back to any resource it reads a number or boolean of.
fn collect<'t>(t: &'t Template, e: &'t Expr, me: Option<u32>, n: &mut Needs<'t>, anchor: &mut u32) {
    walk(e, &mut |s| match s {
        Seen::Ref(name) => {
            if let Some(k) = PSEUDO.iter().position(|p| *p == name) {
                n.add_use(V::Pseudo(k as u8));
            } else if is_pseudo(name) {
            } else if let Some(i) = t.resources.get_index_of(name) {
                n.add_use(V::Res(i as u32, None));
            } else if let Some(i) = t.parameters.get_index_of(name) {
                n.add_use(V::Param(i as u32));
            }
        }
        Seen::GetAtt(name, a) => {
            if let Some((i, _, r)) = t.resources.get_full(name) {
                n.add_use(V::Res(i as u32, Some(a)));
                if me.is_some() && kind(&r.type_name, a) == Kind::Scalar {
                    *anchor = (*anchor).min(i as u32);
                }
            }
        }
        Seen::Cond(c) => {
            if let Some(i) = t.conditions.get_index_of(c) {
                n.add_cond(i as u32);
            }
        }
        Seen::Map(m) => {
            if let Some(i) = t.mappings.get_index_of(m) {
                n.add_map(i as u32);
            }
        }
    });
}

/// Stacks of at least this many resources are indexed on two threads.
const PARALLEL_RESOURCES: usize = 2_000;

/// Indexes resources `range` of `t`: what each needs, and its fragment (`,\n    "Id": {…}`) in
/// one buffer; the findings (references to later resources).
#[allow(clippy::type_complexity)]
fn index_resources<'t>(
    t: &'t Template,
    range: Range<usize>,
    buf: u8,
) -> (Vec<Res<'t>>, Vec<V<'t>>, String, Vec<(String, String, String)>) {
    let mut res = Vec::with_capacity(range.len());
    let mut uses: Vec<V<'t>> = Vec::with_capacity(range.len() * 3);
    let mut n = Needs::default();
    let mut frags = String::with_capacity(range.len() * 400);
    let mut errors = Vec::new();
    let no_url = |_: &str| String::new();
    let tag_cache = TagCache::default();
    for i in range {
        let Some((id, def)) = t.resources.get_index(i) else {
            break;
        };
        let i = i as u32;
        n.uses.clear();
        n.conds.clear();
        n.maps.clear();
        let mut anchor = i;
        for (_, e) in &def.properties {
            collect(t, e, Some(i), &mut n, &mut anchor);
        }
        for (_, e) in &def.metadata {
            collect(t, e, Some(i), &mut n, &mut anchor);
        }
        for e in def.creation_policy.iter().chain(def.update_policy.iter()) {
            collect(t, e, Some(i), &mut n, &mut anchor);
        }
        if let Some(c) = def.condition.as_ref().and_then(|c| t.conditions.get_index_of(&**c)) {
            n.add_cond(c as u32);
        }
        n.uses
            .retain(|v| *v != V::Res(i, None) && !matches!(v, V::Res(x, Some(_)) if *x == i));
        let deps: Vec<u32> = def
            .depends_on
            .iter()
            .filter_map(|d| t.resources.get_index_of(&**d))
            .map(|d| d as u32)
            .collect();
        if let Some(f) = n
            .uses
            .iter()
            .map(|v| v.producer())
            .chain(deps.iter().copied())
            .find(|&x| x != ROOT && x > i)
        {
            let later = t.resources.get_index(f as usize).map(|(k, _)| &**k).unwrap_or("");
            errors.push((
                format!("Resources/{id}"),
                format!("`{id}` refers to `{later}`, declared after it; automatic nesting needs references to point backwards"),
                format!("add `{later}` to the stack before `{id}` (typed handles always point backwards; this reference comes from raw JSON)"),
            ));
        }
        let start = frags.len();
        frags.push_str(",\n    ");
        let mut w = W::new(&mut frags, 2, None).cached(&tag_cache);
        w.string(id);
        w.out.push_str(": ");
        w.resource(id, def, &t.tags, &no_url);
        let first = uses.len() as u32;
        uses.extend_from_slice(&n.uses);
        res.push(Res {
            id,
            def,
            uses: first..uses.len() as u32,
            conds: n.conds.clone(),
            maps: n.maps.clone(),
            deps,
            anchor,
            buf,
            frag: start..frags.len(),
        });
    }
    (res, uses, frags, errors)
}

impl<'t> Plan<'t> {
    fn new(t: &'t Template, an: AutoNest) -> Self {
        Plan {
            t,
            an,
            res: Vec::with_capacity(t.resources.len()),
            uses: Vec::new(),
            frags: Vec::new(),
            cond_closure: Vec::new(),
            tags: Needs::default(),
            outputs: Needs::default(),
            cond_sizes: Vec::new(),
            map_sizes: Vec::new(),
            param_sizes: Vec::new(),
            names: FxHashMap::default(),
            levels: Vec::new(),
            prefix: "Part",
            errors: Vec::new(),
        }
    }

    /// The values resource `r` reads.
    fn uses_of(&self, r: &Res<'t>) -> &[V<'t>] {
        &self.uses[r.uses.start as usize..r.uses.end as usize]
    }

    /// [`collect`] over this plan's template.
    fn collect(&self, e: &'t Expr, me: Option<u32>, n: &mut Needs<'t>, anchor: &mut u32) {
        collect(self.t, e, me, n, anchor)
    }

    fn index(t: &'t Template, an: AutoNest) -> Self {
        let mut p = Plan::new(t, an);
        // Conditions: each one's closure (the conditions, parameters and mappings it reads).
        let direct: Vec<Needs<'t>> = t
            .conditions
            .values()
            .map(|e| {
                let mut n = Needs::default();
                p.collect(e, None, &mut n, &mut 0);
                n
            })
            .collect();
        for c in 0..direct.len() {
            let mut all = Needs::default();
            let mut todo = vec![c as u32];
            while let Some(x) = todo.pop() {
                if all.conds.contains(&x) {
                    continue;
                }
                all.conds.push(x);
                let d = &direct[x as usize];
                d.uses.iter().for_each(|v| all.add_use(*v));
                d.maps.iter().for_each(|m| all.add_map(*m));
                todo.extend(d.conds.iter().copied());
            }
            all.conds.sort_unstable();
            p.cond_closure.push(all);
        }
        for (k, e) in &t.tags {
            let mut n = std::mem::take(&mut p.tags);
            p.collect(e, None, &mut n, &mut 0);
            if n.uses.iter().any(|v| matches!(v, V::Res(..))) {
                p.errors.push((
                    format!("Tags/{k}"),
                    format!("the stack-wide tag `{k}` reads a resource, which automatic nesting cannot pass to every nested stack"),
                    "give stack-wide tags literal values, parameters or pseudo parameters".into(),
                ));
            }
            p.tags = n;
        }
        let mut outs = Needs::default();
        for o in t.outputs.values() {
            p.collect(&o.value, None, &mut outs, &mut 0);
            if let Some(e) = &o.export {
                p.collect(e, None, &mut outs, &mut 0);
            }
            if let Some(c) = o.condition.as_ref().and_then(|c| t.conditions.get_index_of(&**c)) {
                outs.add_cond(c as u32);
            }
        }
        p.outputs = outs;
        // Resources: what each needs, and its fragment; on two threads for large stacks.
        let n = t.resources.len();
        let parts = if n < PARALLEL_RESOURCES {
            vec![index_resources(t, 0..n, 0)]
        } else {
            std::thread::scope(|s| {
                let second = s.spawn(|| index_resources(t, n / 2..n, 1));
                let first = index_resources(t, 0..n / 2, 0);
                let second = second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                vec![first, second]
            })
        };
        for (res, uses, frags, errors) in parts {
            let offset = p.uses.len() as u32;
            p.uses.extend(uses);
            p.res.extend(res.into_iter().map(|mut r| {
                r.uses = r.uses.start + offset..r.uses.end + offset;
                r
            }));
            p.frags.push(Rc::new(frags));
            p.errors.extend(errors);
        }
        // Sizes of what a part may copy.
        let size_of = |f: &mut dyn FnMut(&mut W<'_, '_, '_>)| {
            let mut s = String::new();
            f(&mut W::new(&mut s, 2, None));
            s.len() + 8
        };
        p.cond_sizes = t
            .conditions
            .iter()
            .map(|(k, e)| {
                size_of(&mut |w| {
                    w.string(k);
                    w.expr(e)
                }) + 4
            })
            .collect();
        p.map_sizes = t
            .mappings
            .iter()
            .map(|(k, m)| size_of(&mut |w| w.mappings(std::iter::once((&**k, m)))))
            .collect();
        p.param_sizes = t
            .parameters
            .iter()
            .map(|(k, d)| {
                size_of(&mut |w| {
                    w.string(k);
                    w.parameter(d)
                })
            })
            .collect();
        // A prefix for the parts' logical ids that no resource or parameter starts with.
        let clashes = |prefix: &str| {
            t.resources.keys().chain(t.parameters.keys()).any(|k| {
                k.strip_prefix(prefix).is_some_and(|rest| {
                    let rest = rest.strip_prefix('s').unwrap_or(rest);
                    rest.starts_with(|c: char| c.is_ascii_digit())
                })
            })
        };
        match ["Part", "AutoPart", "AutoNestedPart", "AutoNestedStackPart"].into_iter().find(|x| !clashes(x)) {
            Some(x) => p.prefix = x,
            None => p.errors.push((
                "Resources".into(),
                "every prefix automatic nesting names its parts with (`Part`, `AutoPart`, `AutoNestedPart`, `AutoNestedStackPart`) is taken by a logical id followed by a digit".into(),
                "rename a resource or parameter starting with `Part` and a digit".into(),
            )),
        }
        p
    }

    // ---- planning -------------------------------------------------------------------------------

    fn kind_of(&self, v: V<'t>) -> Kind {
        match v {
            V::Res(x, Some(a)) => kind(&self.res[x as usize].def.type_name, a),
            V::Param(i) => match self.t.parameters.get_index(i as usize) {
                Some((_, d)) if is_list_type(&d.type_name) => Kind::List,
                _ => Kind::String,
            },
            _ => Kind::String,
        }
    }

    /// An upper bound of a value's name length.
    fn name_len(&self, v: V<'t>) -> usize {
        match v {
            V::Param(i) => self.t.parameters.get_index(i as usize).map_or(0, |(k, _)| k.len()),
            V::Pseudo(k) => PSEUDO_NAMES[k as usize].len() + 3,
            V::Res(x, None) => self.res[x as usize].id.len(),
            V::Res(x, Some(a)) => (self.res[x as usize].id.len() + a.len() + 3).min(255),
        }
    }

    /// Bytes a parameter declaration takes in a nested template.
    fn param_size(&self, v: V<'t>) -> usize {
        match v {
            V::Param(i) => self.param_sizes[i as usize],
            _ => 64 + self.name_len(v),
        }
    }

    /// Bytes an output declaration takes (an upper bound).
    fn output_size(&self, v: V<'t>) -> usize {
        let cond = match v {
            V::Res(x, _) => self.res[x as usize].def.condition.as_ref().map_or(0, |c| c.len() + 120),
            _ => 0,
        };
        let target = match v {
            V::Res(x, a) => self.res[x as usize].id.len() + a.map_or(0, str::len) + 20,
            _ => 0,
        };
        260 + 2 * self.name_len(v) + target + cond
    }

    /// Bytes a node's stack resource takes in its parent (an upper bound).
    fn stack_size(&self, imports: &[V<'t>]) -> usize {
        let tags: usize = self.t.tags.iter().map(|(k, _)| 160 + 2 * k.len()).sum();
        600 + tags + imports.iter().map(|v| 160 + 3 * self.name_len(*v)).sum::<usize>()
    }

    /// What a part holding `range` needs: its imports, conditions, mappings.
    fn part_needs(&self, range: Range<u32>) -> (Vec<V<'t>>, Vec<u32>, Vec<u32>) {
        let mut imports: FxHashSet<V<'t>> = FxHashSet::default();
        let mut conds: FxHashSet<u32> = FxHashSet::default();
        let mut maps: FxHashSet<u32> = FxHashSet::default();
        let mut taggable = false;
        for r in &self.res[range.start as usize..range.end as usize] {
            for v in self.uses_of(r) {
                let p = v.producer();
                if p == ROOT || p < range.start {
                    imports.insert(*v);
                }
            }
            for c in &r.conds {
                for cc in &self.cond_closure[*c as usize].conds {
                    conds.insert(*cc);
                }
            }
            for m in &r.maps {
                maps.insert(*m);
            }
            taggable |= r.def.tagging != Tagging::None;
        }
        if taggable {
            imports.extend(self.tags.uses.iter().copied());
            for c in &self.tags.conds {
                for cc in &self.cond_closure[*c as usize].conds {
                    conds.insert(*cc);
                }
            }
            maps.extend(self.tags.maps.iter().copied());
        }
        for c in conds.iter() {
            let cl = &self.cond_closure[*c as usize];
            imports.extend(cl.uses.iter().copied());
            maps.extend(cl.maps.iter().copied());
        }
        let mut imports: Vec<V<'t>> = imports.into_iter().collect();
        imports.sort_unstable();
        let mut conds: Vec<u32> = conds.into_iter().collect();
        conds.sort_unstable();
        let mut maps: Vec<u32> = maps.into_iter().collect();
        maps.sort_unstable();
        (imports, conds, maps)
    }

    /// Bytes a part's template takes, outputs included (an upper bound).
    fn part_size(&self, n: &Node<'t>) -> usize {
        let frags: usize = self.res[n.res.start as usize..n.res.end as usize]
            .iter()
            .map(|r| r.frag.len())
            .sum();
        1200 + frags
            + n.imports.iter().map(|v| self.param_size(*v)).sum::<usize>()
            + n.exports.iter().map(|v| self.output_size(*v)).sum::<usize>()
            + n.conds.iter().map(|c| self.cond_sizes[*c as usize]).sum::<usize>()
            + n.maps.iter().map(|m| self.map_sizes[*m as usize]).sum::<usize>()
    }

    fn plan(&mut self) {
        let n = self.res.len() as u32;
        let an = self.an;
        // A boundary at b is allowed when no resource from b on reads a number or boolean of a
        // resource before b.
        let mut allowed = vec![true; n as usize + 1];
        let mut min_anchor = n;
        for b in (0..n).rev() {
            min_anchor = min_anchor.min(self.res[b as usize].anchor);
            allowed[b as usize] = min_anchor >= b;
        }
        // Greedy parts.
        let budget = an.body_bytes_limit() * 9 / 10;
        let mut parts: Vec<Range<u32>> = Vec::new();
        let mut i = 0u32;
        while i < n {
            let start = i;
            let mut imports: FxHashSet<V<'t>> = FxHashSet::default();
            let mut conds: FxHashSet<u32> = FxHashSet::default();
            let mut maps: FxHashSet<u32> = FxHashSet::default();
            let mut taggable = false;
            let mut size = 1200usize;
            let mut new_imports: Vec<V<'t>> = Vec::new();
            let mut new_conds: Vec<u32> = Vec::new();
            let mut new_maps: Vec<u32> = Vec::new();
            while i < n {
                let r = &self.res[i as usize];
                new_imports.clear();
                new_conds.clear();
                new_maps.clear();
                let add_use = |v: V<'t>, new: &mut Vec<V<'t>>| {
                    let p = v.producer();
                    if (p == ROOT || p < start) && !imports.contains(&v) && !new.contains(&v) {
                        new.push(v);
                    }
                };
                self.uses_of(r).iter().for_each(|v| add_use(*v, &mut new_imports));
                let mut cond_roots: Vec<u32> = r.conds.clone();
                let tag_now = !taggable && r.def.tagging != Tagging::None;
                if tag_now {
                    self.tags.uses.iter().for_each(|v| add_use(*v, &mut new_imports));
                    cond_roots.extend(self.tags.conds.iter().copied());
                    new_maps.extend(self.tags.maps.iter().copied().filter(|m| !maps.contains(m)));
                }
                for c in cond_roots {
                    for cc in &self.cond_closure[c as usize].conds {
                        if !conds.contains(cc) && !new_conds.contains(cc) {
                            new_conds.push(*cc);
                            let cl = &self.cond_closure[*cc as usize];
                            cl.uses.iter().for_each(|v| add_use(*v, &mut new_imports));
                            for m in &cl.maps {
                                if !maps.contains(m) && !new_maps.contains(m) {
                                    new_maps.push(*m);
                                }
                            }
                        }
                    }
                }
                for m in &r.maps {
                    if !maps.contains(m) && !new_maps.contains(m) {
                        new_maps.push(*m);
                    }
                }
                let grow = r.frag.len()
                    + new_imports.iter().map(|v| self.param_size(*v)).sum::<usize>()
                    + new_conds.iter().map(|c| self.cond_sizes[*c as usize]).sum::<usize>()
                    + new_maps.iter().map(|m| self.map_sizes[*m as usize]).sum::<usize>();
                let count = i - start + 1;
                let fits = count as usize <= an.resources_limit()
                    && imports.len() + new_imports.len() <= an.parameters_limit()
                    && size + grow <= budget;
                if !fits && i > start {
                    break;
                }
                if !fits {
                    self.errors.push((
                        format!("Resources/{}", r.id),
                        format!(
                            "`{}` alone does not fit a nested stack: {} bytes, {} parameters",
                            r.id,
                            grow + 1200,
                            new_imports.len()
                        ),
                        "make the resource smaller, or raise the limits given to `AutoNest`".into(),
                    ));
                    return;
                }
                imports.extend(new_imports.iter().copied());
                conds.extend(new_conds.iter().copied());
                maps.extend(new_maps.iter().copied());
                taggable |= tag_now;
                size += grow;
                i += 1;
            }
            // Move the boundary back to an allowed one.
            let mut end = i;
            while end < n && !allowed[end as usize] && end > start + 1 {
                end -= 1;
            }
            if end < n && !allowed[end as usize] {
                let r = &self.res[start as usize];
                self.errors.push((
                    format!("Resources/{}", r.id),
                    format!("the resources from `{}` on read numbers or booleans of one another across more resources than one nested stack holds (outputs are strings, so they must stay together)", r.id),
                    "read those attributes closer to where they are produced, or raise `AutoNest::max_resources`".into(),
                ));
                return;
            }
            parts.push(start..end);
            i = end;
        }
        // Check every part with its outputs; halve any part over a limit.
        let mut level: Vec<Node<'t>>;
        loop {
            level = parts
                .iter()
                .map(|r| {
                    let (imports, conds, maps) = self.part_needs(r.clone());
                    Node {
                        res: r.clone(),
                        imports,
                        conds,
                        maps,
                        ..Node::default()
                    }
                })
                .collect();
            self.exports_of_parts(&mut level);
            let bad = level.iter().position(|p| {
                p.imports.len() > an.parameters_limit()
                    || p.exports.len() > an.outputs_limit()
                    || self.part_size(p) > an.body_bytes_limit()
            });
            let Some(k) = bad else { break };
            let r = parts[k].clone();
            let mid = r.start + (r.end - r.start) / 2;
            let cut = (r.start + 1..r.end)
                .filter(|b| allowed[*b as usize])
                .min_by_key(|b| b.abs_diff(mid));
            match cut {
                Some(b) => {
                    parts.splice(k..=k, [r.start..b, b..r.end]).for_each(drop);
                }
                None => {
                    let id = self.res[r.start as usize].id;
                    self.errors.push((
                        format!("Resources/{id}"),
                        format!(
                            "the nested stack holding `{id}` needs {} parameters and {} outputs, over the limits, and cannot be split further",
                            level[k].imports.len(),
                            level[k].exports.len()
                        ),
                        "reduce how many values resources read from resources far before them, or raise the limits given to `AutoNest`".into(),
                    ));
                    return;
                }
            }
        }
        self.levels.push(level);
        // Group while the root would hold too many.
        while self.levels.last().is_some_and(|l| l.len() > an.resources_limit()) {
            match self.group() {
                Some(l) => self.levels.push(l),
                None => return,
            }
        }
        self.name_nodes();
        self.order_nodes();
    }

    /// The values each part must output: read by a resource of another part, or by the root.
    fn exports_of_parts(&self, level: &mut [Node<'t>]) {
        let mut part_of = vec![0u32; self.res.len()];
        for (k, p) in level.iter().enumerate() {
            for r in p.res.clone() {
                part_of[r as usize] = k as u32;
            }
        }
        let mut exports: Vec<FxHashSet<V<'t>>> = vec![FxHashSet::default(); level.len()];
        for p in level.iter() {
            for v in &p.imports {
                if let V::Res(x, _) = v {
                    exports[part_of[*x as usize] as usize].insert(*v);
                }
            }
        }
        for v in &self.outputs.uses {
            if let V::Res(x, _) = v {
                exports[part_of[*x as usize] as usize].insert(*v);
            }
        }
        for (p, e) in level.iter_mut().zip(exports) {
            p.exports = e.into_iter().collect();
            p.exports.sort_unstable();
        }
    }

    /// Groups the last level's nodes into nested stacks of their own.
    fn group(&mut self) -> Option<Vec<Node<'t>>> {
        let an = self.an;
        let items = self.levels.last().cloned().unwrap_or_default();
        let budget = an.body_bytes_limit() * 9 / 10;
        let mut groups: Vec<Range<u32>> = Vec::new();
        let mut i = 0usize;
        while i < items.len() {
            let start = i;
            let first_res = items[start].res.start;
            let mut imports: FxHashSet<V<'t>> = FxHashSet::default();
            imports.extend(self.tags.uses.iter().copied());
            let mut size = 1200usize;
            while i < items.len() {
                let it = &items[i];
                let new: Vec<V<'t>> = it
                    .imports
                    .iter()
                    .copied()
                    .filter(|v| {
                        let p = v.producer();
                        (p == ROOT || p < first_res) && !imports.contains(v)
                    })
                    .collect();
                let grow = self.stack_size(&it.imports) + new.iter().map(|v| self.param_size(*v)).sum::<usize>();
                let fits = i - start < an.resources_limit()
                    && imports.len() + new.len() <= an.parameters_limit()
                    && size + grow <= budget;
                if !fits && i > start {
                    break;
                }
                imports.extend(new);
                size += grow;
                i += 1;
            }
            groups.push(start as u32..i as u32);
        }
        loop {
            let mut level: Vec<Node<'t>> = groups
                .iter()
                .map(|g| {
                    let res = items[g.start as usize].res.start..items[g.end as usize - 1].res.end;
                    let mut imports: FxHashSet<V<'t>> = FxHashSet::default();
                    imports.extend(self.tags.uses.iter().copied());
                    for it in &items[g.start as usize..g.end as usize] {
                        for v in &it.imports {
                            let p = v.producer();
                            if p == ROOT || p < res.start {
                                imports.insert(*v);
                            }
                        }
                    }
                    let mut imports: Vec<V<'t>> = imports.into_iter().collect();
                    imports.sort_unstable();
                    let mut conds: Vec<u32> = Vec::new();
                    let mut maps: Vec<u32> = Vec::new();
                    for c in &self.tags.conds {
                        conds.extend(self.cond_closure[*c as usize].conds.iter().copied());
                    }
                    conds.sort_unstable();
                    conds.dedup();
                    for c in &conds {
                        maps.extend(self.cond_closure[*c as usize].maps.iter().copied());
                    }
                    maps.extend(self.tags.maps.iter().copied());
                    maps.sort_unstable();
                    maps.dedup();
                    Node {
                        res,
                        kids: g.clone(),
                        imports,
                        conds,
                        maps,
                        ..Node::default()
                    }
                })
                .collect();
            // Exports: values read by items of another group, or by the root.
            let group_of = |x: u32| level.partition_point(|g| g.res.end <= x);
            let mut exports: Vec<FxHashSet<V<'t>>> = vec![FxHashSet::default(); level.len()];
            for (gk, g) in level.iter().enumerate() {
                for it in &items[g.kids.start as usize..g.kids.end as usize] {
                    for v in &it.imports {
                        if let V::Res(x, _) = v {
                            let pg = group_of(*x);
                            if pg != gk {
                                exports[pg].insert(*v);
                            }
                        }
                    }
                }
            }
            for v in &self.outputs.uses {
                if let V::Res(x, _) = v {
                    exports[group_of(*x)].insert(*v);
                }
            }
            for (g, e) in level.iter_mut().zip(exports) {
                g.exports = e.into_iter().collect();
                g.exports.sort_unstable();
            }
            let size = |g: &Node<'t>| {
                1200 + items[g.kids.start as usize..g.kids.end as usize]
                    .iter()
                    .map(|it| self.stack_size(&it.imports))
                    .sum::<usize>()
                    + g.imports.iter().map(|v| self.param_size(*v)).sum::<usize>()
                    + g.exports.iter().map(|v| self.output_size(*v)).sum::<usize>()
            };
            let bad = level.iter().position(|g| {
                g.imports.len() > an.parameters_limit()
                    || g.exports.len() > an.outputs_limit()
                    || size(g) > an.body_bytes_limit()
            });
            match bad {
                None if level.len() < items.len() => return Some(level),
                None => {
                    self.errors.push((
                        "Resources".into(),
                        "automatic nesting cannot group the nested stacks under the limits (each group would hold one)"
                            .into(),
                        "raise the limits given to `AutoNest`".into(),
                    ));
                    return None;
                }
                Some(k) if groups[k].len() > 1 => {
                    let g = groups[k].clone();
                    let mid = g.start + (g.end - g.start) / 2;
                    groups.splice(k..=k, [g.start..mid, mid..g.end]).for_each(drop);
                }
                Some(_) => {
                    self.errors.push((
                        "Resources".into(),
                        "automatic nesting cannot group the nested stacks under the parameter, output and size limits".into(),
                        "reduce how many values resources read from resources far before them, or raise the limits given to `AutoNest`".into(),
                    ));
                    return None;
                }
            }
        }
    }

    /// Logical ids: parts `Part1`…, groups `Parts1to500`… (numbered by the parts they hold).
    fn name_nodes(&mut self) {
        let prefix = self.prefix;
        for (k, p) in self.levels[0].iter_mut().enumerate() {
            p.id = format!("{prefix}{}", k + 1);
        }
        for l in 1..self.levels.len() {
            let (below, rest) = self.levels.split_at_mut(l);
            let parts = &below[0];
            for g in rest[0].iter_mut() {
                let a = parts.partition_point(|p| p.res.end <= g.res.start) + 1;
                let b = parts.partition_point(|p| p.res.end < g.res.end) + 1;
                g.id = format!("{prefix}s{a}to{b}");
            }
        }
    }

    /// `DependsOn` between sibling nested stacks, from `DependsOn` between their resources, left
    /// out where the stack already reads an output of the other.
    fn order_nodes(&mut self) {
        let top = self.levels.len() - 1;
        // The node holding resource x at each level.
        let node_at = |levels: &Vec<Vec<Node<'t>>>, l: usize, x: u32| levels[l].partition_point(|n| n.res.end <= x);
        let mut edges: Vec<(usize, usize, usize)> = Vec::new();
        for (r, res) in self.res.iter().enumerate() {
            for d in &res.deps {
                let (mut a, mut b) = (node_at(&self.levels, 0, r as u32), node_at(&self.levels, 0, *d));
                if a == b {
                    continue;
                }
                let mut l = 0;
                while l < top {
                    let (pa, pb) = (
                        node_at(&self.levels, l + 1, self.levels[l][a].res.start),
                        node_at(&self.levels, l + 1, self.levels[l][b].res.start),
                    );
                    if pa == pb {
                        break;
                    }
                    (a, b) = (pa, pb);
                    l += 1;
                }
                edges.push((l, a, b));
            }
        }
        edges.sort_unstable();
        edges.dedup();
        for (l, a, b) in edges {
            let from = &self.levels[l][b].res;
            let reads = self.levels[l][a].imports.iter().any(|v| from.contains(&v.producer()));
            if !reads {
                self.levels[l][a].after.push(b as u32);
            }
        }
    }

    // ---- writing --------------------------------------------------------------------------------

    /// The name of a value crossing a boundary: the resource's id for its `Ref`, the id and the
    /// attribute for an attribute, the parameter's name, `RootStackName`/`RootStackId`.
    fn assign_names(&mut self) {
        let mut all: Vec<V<'t>> = Vec::new();
        for l in &self.levels {
            for n in l {
                all.extend(n.imports.iter().copied());
                all.extend(n.exports.iter().copied());
            }
        }
        all.sort_unstable();
        all.dedup();
        let t = self.t;
        // Names of the template's resources and parameters are taken (the `Ref` of a resource is
        // named after it), and so are the names given so far.
        let mut taken: FxHashSet<String> = FxHashSet::default();
        let is_taken = |taken: &FxHashSet<String>, n: &str| {
            t.resources.contains_key(n) || t.parameters.contains_key(n) || taken.contains(n)
        };
        for v in all {
            let name = match v {
                V::Param(i) => t
                    .parameters
                    .get_index(i as usize)
                    .map_or(String::new(), |(k, _)| k.to_string()),
                V::Res(x, None) => self.res[x as usize].id.to_string(),
                V::Pseudo(_) | V::Res(_, Some(_)) => {
                    let base = match v {
                        V::Pseudo(k) => PSEUDO_NAMES[k as usize].to_string(),
                        V::Res(x, Some(a)) => format!("{}{}", self.res[x as usize].id, alnum(a)),
                        _ => String::new(),
                    };
                    let base: String = base.chars().take(240).collect();
                    let mut cand = base.clone();
                    let mut k = 1;
                    while is_taken(&taken, &cand) {
                        k += 1;
                        cand = format!("{base}{k}");
                    }
                    taken.insert(cand.clone());
                    cand
                }
            };
            self.names.insert(v, name);
        }
    }

    fn name(&self, v: V<'t>) -> &str {
        self.names.get(&v).map_or("", String::as_str)
    }

    /// A nested template's declaration of the parameter carrying `v`.
    fn param_def(&self, v: V<'t>) -> ParameterDef {
        match v {
            V::Param(i) => {
                let Some((_, d)) = self.t.parameters.get_index(i as usize) else {
                    return ParameterDef::default();
                };
                match d
                    .type_name
                    .strip_prefix("AWS::SSM::Parameter::Value<")
                    .and_then(|x| x.strip_suffix('>'))
                {
                    // The root resolves the SSM parameter; children receive its value.
                    Some(inner) => ParameterDef {
                        type_name: Cow::Owned(if is_list_type(inner) {
                            "CommaDelimitedList".into()
                        } else if inner.starts_with("AWS::") {
                            inner.to_string()
                        } else {
                            "String".into()
                        }),
                        description: d.description.clone(),
                        no_echo: d.no_echo,
                        ..ParameterDef::default()
                    },
                    None => ParameterDef {
                        default: None,
                        ..d.clone()
                    },
                }
            }
            V::Pseudo(k) => ParameterDef {
                type_name: Cow::Borrowed("String"),
                description: Some(format!("The root stack's {}", PSEUDO[k as usize])),
                ..ParameterDef::default()
            },
            V::Res(x, a) => {
                let id = self.res[x as usize].id;
                ParameterDef {
                    type_name: Cow::Borrowed(if self.kind_of(v) == Kind::List {
                        "CommaDelimitedList"
                    } else {
                        "String"
                    }),
                    description: Some(match a {
                        None => format!("Ref {id}"),
                        Some(a) => format!("Fn::GetAtt {id}.{a}"),
                    }),
                    ..ParameterDef::default()
                }
            }
        }
    }

    /// The expression a parent passes to a child's parameter for `v`: a sibling's output, its own
    /// parameter (lists joined again), or at the root the parameter or pseudo parameter itself.
    fn pass(&self, v: V<'t>, siblings: &[Node<'t>], root: bool) -> Expr {
        let name = self.name(v);
        let p = v.producer();
        if p != ROOT {
            if let Some(s) = siblings.iter().find(|s| s.res.contains(&p)) {
                return Expr::GetAtt(s.id.as_str().into(), Cow::Owned(format!("Outputs.{name}")));
            }
        }
        let r = match (v, root) {
            (V::Pseudo(k), true) => Expr::Ref(PSEUDO[k as usize].into()),
            _ => Expr::Ref(name.into()),
        };
        if self.kind_of(v) == Kind::List {
            Expr::Join(Cow::Borrowed(","), Box::new(r))
        } else {
            r
        }
    }

    /// The stack resource of `node` in its parent.
    fn stack_resource(&self, node: &Node<'t>, siblings: &[Node<'t>], root: bool, url: String) -> ResourceDef {
        let mut properties: Vec<(Cow<'static, str>, Expr)> = vec![(Cow::Borrowed("TemplateURL"), Expr::str(url))];
        if !node.imports.is_empty() {
            let params = node
                .imports
                .iter()
                .map(|v| (Cow::Owned(self.name(*v).to_string()), self.pass(*v, siblings, root)))
                .collect();
            properties.push((Cow::Borrowed("Parameters"), Expr::Object(params)));
        }
        ResourceDef {
            type_name: Cow::Borrowed("AWS::CloudFormation::Stack"),
            properties,
            tagging: Tagging::List("Tags"),
            constraints: &[],
            depends_on: node
                .after
                .iter()
                .map(|k| Ident::from(siblings[*k as usize].id.as_str()))
                .collect(),
            condition: None,
            deletion_policy: Some(Policy::Delete),
            update_replace_policy: Some(Policy::Delete),
            creation_policy: None,
            update_policy: None,
            metadata: Vec::new(),
            raw_attributes: Vec::new(),
            nested: None,
        }
    }

    /// Renames for a nested template: the values it imports from resources elsewhere, the root's
    /// pseudo parameters, and `DependsOn` on resources elsewhere.
    fn renames(&self, node: &Node<'t>) -> Renames<'_> {
        let mut rw = Renames::default();
        for v in &node.imports {
            let key = match *v {
                V::Res(x, a) => (self.res[x as usize].id, a),
                V::Pseudo(k) => (PSEUDO[k as usize], None),
                V::Param(_) => continue,
            };
            rw.map.insert(key, self.name(*v));
        }
        for r in &self.res[node.res.start as usize..node.res.end as usize] {
            for d in &r.deps {
                if !node.res.contains(d) {
                    rw.gone.insert(self.res[*d as usize].id, ());
                }
            }
        }
        rw
    }

    fn write(mut self, at: &At<'_>, files: &mut Vec<Rendered>, diags: &mut Vec<Diagnostic>) {
        self.assign_names();
        let t = self.t;
        let top = self.levels.len() - 1;
        let url_for = |path: &str, id: &str| {
            let file = crate::child_file_name(&crate::join_path(path, id));
            match &at.opts.base_url {
                Some(base) => format!("{}/{}", base.trim_end_matches('/'), file),
                None => file,
            }
        };
        // The root.
        let mut out = String::with_capacity(4096 + 1024 * self.levels[top].len());
        let mut w = W::new(&mut out, 0, None);
        let mut o = w.begin('{');
        w.key(&mut o, "AWSTemplateFormatVersion");
        w.string("2010-09-09");
        if let Some(d) = &t.description {
            w.key(&mut o, "Description");
            w.string(d);
        }
        write_transform(&mut w, &mut o, &t.transform);
        if !t.metadata.is_empty() {
            w.key(&mut o, "Metadata");
            w.object(&t.metadata);
        }
        if !t.parameters.is_empty() {
            w.key(&mut o, "Parameters");
            let mut p = w.begin('{');
            for (k, d) in &t.parameters {
                w.key(&mut p, k);
                w.parameter(d);
            }
            w.end(p, '}');
        }
        let mut root_conds: Vec<u32> = Vec::new();
        let mut root_maps: Vec<u32> = Vec::new();
        for c in self.outputs.conds.iter().chain(self.tags.conds.iter()) {
            root_conds.extend(self.cond_closure[*c as usize].conds.iter().copied());
        }
        root_conds.sort_unstable();
        root_conds.dedup();
        for c in &root_conds {
            root_maps.extend(self.cond_closure[*c as usize].maps.iter().copied());
        }
        root_maps.extend(self.outputs.maps.iter().chain(self.tags.maps.iter()).copied());
        root_maps.sort_unstable();
        root_maps.dedup();
        self.write_maps_conds(&mut w, &mut o, &root_maps, &root_conds, None);
        w.key(&mut o, "Resources");
        let mut r = w.begin('{');
        let tops = &self.levels[top];
        for n in tops {
            let def = self.stack_resource(n, tops, true, url_for(at.path, &n.id));
            w.key(&mut r, &n.id);
            w.resource(&n.id, &def, &t.tags, &|_| String::new());
        }
        w.end(r, '}');
        if !t.outputs.is_empty() {
            w.key(&mut o, "Outputs");
            let mut x = w.begin('{');
            for (k, d) in &t.outputs {
                let d = OutputDef {
                    value: self.read_from_parts(&d.value),
                    export: d.export.as_ref().map(|e| self.read_from_parts(e)),
                    ..d.clone()
                };
                w.key(&mut x, k);
                w.output(&d);
            }
            w.end(x, '}');
        }
        w.end(o, '}');
        out.push('\n');
        files.push(Rendered::whole(at.name.to_string(), out));
        for k in 0..self.levels[top].len() {
            self.write_node(top, k, at.path, at, files, diags, &url_for);
        }
    }

    fn write_maps_conds(
        &self,
        w: &mut W<'_, '_, '_>,
        o: &mut crate::write::Open,
        maps: &[u32],
        conds: &[u32],
        rw: Option<&Renames<'_>>,
    ) {
        let t = self.t;
        if !maps.is_empty() {
            w.key(o, "Mappings");
            w.mappings(
                maps.iter()
                    .filter_map(|m| t.mappings.get_index(*m as usize))
                    .map(|(k, v)| (&**k, v)),
            );
        }
        if !conds.is_empty() {
            w.key(o, "Conditions");
            let mut c = w.begin('{');
            for (k, e) in conds.iter().filter_map(|c| t.conditions.get_index(*c as usize)) {
                w.key(&mut c, k);
                let mut w2 = W::new(w.out, w.depth, rw);
                w2.expr(e);
            }
            w.end(c, '}');
        }
    }

    /// A root output's expression with references to moved resources read from the parts.
    fn read_from_parts(&self, e: &Expr) -> Expr {
        let top = &self.levels[self.levels.len() - 1];
        let outside = |name: &str, a: Option<&str>| -> Option<Expr> {
            let x = self.t.resources.get_index_of(name)? as u32;
            let v = V::Res(x, a);
            let holder = top.iter().find(|n| n.res.contains(&x))?;
            let got = Expr::GetAtt(
                holder.id.as_str().into(),
                Cow::Owned(format!("Outputs.{}", self.name(v))),
            );
            Some(if self.kind_of(v) == Kind::List {
                Expr::Split(Cow::Borrowed(","), Box::new(got))
            } else {
                got
            })
        };
        substitute(e, &outside)
    }

    #[allow(clippy::too_many_arguments)]
    fn write_node(
        &self,
        level: usize,
        k: usize,
        parent_path: &str,
        at: &At<'_>,
        files: &mut Vec<Rendered>,
        diags: &mut Vec<Diagnostic>,
        url_for: &dyn Fn(&str, &str) -> String,
    ) {
        let t = self.t;
        let node = &self.levels[level][k];
        let path = crate::join_path(parent_path, &node.id);
        let name = crate::child_file_name(&path);
        let rw = self.renames(node);
        let first = self.res[node.res.start as usize].id;
        let last = self.res[node.res.end as usize - 1].id;
        let mut out = String::with_capacity(4096);
        let mut w = W::new(&mut out, 0, None);
        let mut o = w.begin('{');
        w.key(&mut o, "AWSTemplateFormatVersion");
        w.string("2010-09-09");
        w.key(&mut o, "Description");
        w.string(&format!(
            "Automatically nested stack {}: {} resources, {first} to {last}",
            node.id,
            node.res.len()
        ));
        if level == 0 {
            write_transform(&mut w, &mut o, &t.transform);
        }
        if !node.imports.is_empty() {
            w.key(&mut o, "Parameters");
            let mut p = w.begin('{');
            for v in &node.imports {
                w.key(&mut p, self.name(*v));
                w.parameter(&self.param_def(*v));
            }
            w.end(p, '}');
        }
        self.write_maps_conds(&mut w, &mut o, &node.maps, &node.conds, Some(&rw));
        w.key(&mut o, "Resources");
        let mut r = w.begin('{');
        // Parts: the fragments of resources nothing rewrites are ranges of the shared buffer.
        let mut pieces: Vec<Piece> = Vec::new();
        if level == 0 {
            // Stack-wide tags reading the root's stack name or id are rewritten too.
            let tags_renamed = self.tags.uses.iter().any(|v| rw_has(&rw, *v, &self.res));
            let mut run: Option<(u8, Range<usize>)> = None;
            let shared = |(b, r): (u8, Range<usize>)| Piece::Shared(self.frags[usize::from(b)].clone(), r);
            for x in node.res.clone() {
                let res = &self.res[x as usize];
                let rewrite = res.def.nested.is_some()
                    || (tags_renamed && res.def.tagging != Tagging::None)
                    || self.uses_of(res).iter().any(|v| rw_has(&rw, *v, &self.res))
                    || res.deps.iter().any(|d| !node.res.contains(d));
                // Each fragment starts with ",\n    "; the part's first one without the comma.
                let skip = usize::from(x == node.res.start);
                if rewrite {
                    if let Some(run) = run.take() {
                        pieces.push(shared(run));
                    }
                    let mut s = String::new();
                    s.push_str(&",\n    "[skip..]);
                    let mut w2 = W::new(&mut s, 2, Some(&rw));
                    w2.string(res.id);
                    w2.out.push_str(": ");
                    w2.resource(res.id, res.def, &t.tags, &|id| url_for(&path, id));
                    pieces.push(Piece::Own(s));
                } else {
                    let f = res.frag.start + skip..res.frag.end;
                    run = Some(match run {
                        Some((b, r)) if b == res.buf && r.end == f.start => (b, r.start..f.end),
                        Some(r) => {
                            pieces.push(shared(r));
                            (res.buf, f)
                        }
                        None => (res.buf, f),
                    });
                }
            }
            if let Some(run) = run {
                pieces.push(shared(run));
            }
        } else {
            let kids = &self.levels[level - 1][node.kids.start as usize..node.kids.end as usize];
            for kid in kids {
                let def = self.stack_resource(kid, kids, false, url_for(&path, &kid.id));
                w.key(&mut r, &kid.id);
                let mut w2 = W::new(w.out, w.depth, Some(&rw));
                w2.resource(&kid.id, &def, &t.tags, &|_| String::new());
            }
        }
        // The tail: the end of `Resources`, the outputs, the end of the template.
        let mut tail = String::new();
        let mut w = W::new(&mut tail, 2, None);
        w.end(Open(true), '}');
        if !node.exports.is_empty() {
            w.key(&mut o, "Outputs");
            let mut x = w.begin('{');
            for v in &node.exports {
                let V::Res(xr, a) = *v else { continue };
                let value = if level == 0 {
                    let res = &self.res[xr as usize];
                    let id: Ident = res.id.into();
                    let mut e = match a {
                        None => Expr::Ref(id),
                        Some(a) => Expr::GetAtt(id, Cow::Owned(a.to_string())),
                    };
                    if self.kind_of(*v) == Kind::List {
                        e = Expr::Join(Cow::Borrowed(","), Box::new(e));
                    }
                    match &res.def.condition {
                        Some(c) => Expr::If(c.clone(), Box::new(e), Box::new(Expr::str(""))),
                        None => e,
                    }
                } else {
                    let kids = &self.levels[level - 1][node.kids.start as usize..node.kids.end as usize];
                    let holder = kids.iter().find(|n| n.res.contains(&xr)).map_or("", |n| n.id.as_str());
                    Expr::GetAtt(holder.into(), Cow::Owned(format!("Outputs.{}", self.name(*v))))
                };
                w.key(&mut x, self.name(*v));
                w.output(&OutputDef {
                    value,
                    description: None,
                    export: None,
                    condition: None,
                });
            }
            w.end(x, '}');
        }
        w.end(o, '}');
        tail.push('\n');
        let mut all = Vec::with_capacity(pieces.len() + 2);
        all.push(Piece::Own(out));
        all.extend(pieces);
        all.push(Piece::Own(tail));
        files.push(Rendered { name, pieces: all });
        if level == 0 {
            for x in node.res.clone() {
                let res = &self.res[x as usize];
                if let Some(child) = &res.def.nested {
                    let p = crate::join_path(&path, res.id);
                    crate::render_into(child, &crate::child_file_name(&p), &p, at.opts, files, diags);
                }
            }
        } else {
            for kid in node.kids.clone() {
                self.write_node(level - 1, kid as usize, &path, at, files, diags, url_for);
            }
        }
    }
}

/// Whether the renames rewrite a use of `v` (a resource elsewhere or a pseudo parameter).
fn rw_has(rw: &Renames<'_>, v: V<'_>, res: &[Res<'_>]) -> bool {
    match v {
        V::Res(x, a) => rw.map.contains_key(&(res[x as usize].id, a)),
        V::Pseudo(k) => rw.map.contains_key(&(PSEUDO[k as usize], None)),
        V::Param(_) => false,
    }
}

fn is_list_type(t: &str) -> bool {
    t == "CommaDelimitedList"
        || t.starts_with("List<")
        || t.starts_with("AWS::SSM::Parameter::Value<List<")
        || t == "AWS::SSM::Parameter::Value<CommaDelimitedList>"
}

fn write_transform(w: &mut W<'_, '_, '_>, o: &mut crate::write::Open, transform: &[String]) {
    match transform {
        [] => {}
        [one] => {
            w.key(o, "Transform");
            w.string(one);
        }
        many => {
            w.key(o, "Transform");
            let mut a = w.begin('[');
            for x in many {
                w.item(&mut a);
                w.string(x);
            }
            w.end(a, ']');
        }
    }
}

/// `e` with every `Ref`/`Fn::GetAtt` for which `f` gives a replacement replaced (inside `Fn::Sub`
/// too), and ordering wrappers dropped.
fn substitute(e: &Expr, f: &dyn Fn(&str, Option<&str>) -> Option<Expr>) -> Expr {
    let s = |x: &Expr| substitute(x, f);
    let b = |x: &Expr| Box::new(substitute(x, f));
    match e {
        Expr::Ref(n) => f(n, None).unwrap_or_else(|| e.clone()),
        Expr::GetAtt(n, a) => f(n, Some(a)).unwrap_or_else(|| e.clone()),
        Expr::List(items) => Expr::List(items.iter().map(s).collect()),
        Expr::Object(fields) => Expr::Object(fields.iter().map(|(k, v)| (k.clone(), s(v))).collect()),
        Expr::Sub(parts) => Expr::Sub(
            parts
                .iter()
                .map(|p| match p {
                    SubPart::Lit(l) => SubPart::Lit(l.clone()),
                    SubPart::Expr(x) => SubPart::Expr(s(x)),
                })
                .collect(),
        ),
        Expr::Join(d, x) => Expr::Join(d.clone(), b(x)),
        Expr::Select(i, x) => Expr::Select(b(i), b(x)),
        Expr::Split(d, x) => Expr::Split(d.clone(), b(x)),
        Expr::If(c, x, y) => Expr::If(c.clone(), b(x), b(y)),
        Expr::FindInMap(m, x, y, d) => Expr::FindInMap(m.clone(), b(x), b(y), d.as_ref().map(|d| b(d))),
        Expr::GetStackOutput(o) => Expr::GetStackOutput(Box::new(cfn_model::expr::StackOutputRef {
            stack_name: s(&o.stack_name),
            output_name: s(&o.output_name),
            region: o.region.as_ref().map(s),
            role_arn: o.role_arn.as_ref().map(s),
        })),
        Expr::GetAZs(x) => Expr::GetAZs(b(x)),
        Expr::ImportValue(x) => Expr::ImportValue(b(x)),
        Expr::Base64(x) => Expr::Base64(b(x)),
        Expr::Cidr(x, y, z) => Expr::Cidr(b(x), b(y), b(z)),
        Expr::Equals(x, y) => Expr::Equals(b(x), b(y)),
        Expr::And(items) => Expr::And(items.iter().map(s).collect()),
        Expr::Or(items) => Expr::Or(items.iter().map(s).collect()),
        Expr::Not(x) => Expr::Not(b(x)),
        Expr::Length(x) => Expr::Length(b(x)),
        Expr::ToJsonString(x) => Expr::ToJsonString(b(x)),
        Expr::After(x, _) => s(x),
        Expr::Null
        | Expr::Bool(_)
        | Expr::Int(_)
        | Expr::Float(_)
        | Expr::Str(_)
        | Expr::Condition(_)
        | Expr::Dynamic(_) => e.clone(),
    }
}
