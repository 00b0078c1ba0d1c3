//! Hash maps and sets over the model's fast hasher ([`cfn_model::idmap::IdHasher`]) for the
//! emitter's internal tables of names and indices.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use cfn_model::idmap::IdHasher;

/// A `HashMap` with the fast hasher.
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A `HashSet` with the fast hasher.
pub(crate) type FxHashSet<T> = HashSet<T, BuildHasherDefault<IdHasher>>;
