//! The maps a template keeps its sections in: keyed by logical names, in insertion order, hashed
//! with a small fast hasher (the `FxHasher` of rustc: a multiply and a rotate per word) rather than
//! SipHash. The keys are logical ids from the program itself, so there is no untrusted input to
//! defend against, and every resource costs several lookups on its way to the emitted JSON.

use std::hash::{BuildHasherDefault, Hasher};

use indexmap::IndexMap;

use crate::expr::Ident;

/// A map from logical names to `V`, in insertion order (the template's `Resources`, `Parameters`,
/// `Conditions`, `Mappings` and `Outputs`). Create one with `IdMap::default()`.
pub type IdMap<V> = IndexMap<Ident, V, BuildHasherDefault<IdHasher>>;

/// The hasher of [`IdMap`]: rustc's `FxHasher`.
#[derive(Default, Clone, Copy, Debug)]
pub struct IdHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl IdHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for IdHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i.into());
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i.into());
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}
