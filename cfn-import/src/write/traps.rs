//! The traps: patterns this library refuses, found in a template, rewritten onto the safe
//! constructs (their logical ids kept), each reported as a [`Change`](crate::Change).

use serde_json::Value as J;

use super::{Code, Ty, Writer};
use crate::program::WriteError;

/// The rewrites decided for a template before its resources are written.
#[derive(Clone, Debug, Default)]
pub(super) struct Plan {}

/// Finds the traps of the template `w` is writing.
pub(super) fn plan(w: &mut Writer<'_>) -> Result<Plan, WriteError> {
    let _ = w;
    Ok(Plan::default())
}

impl Plan {
    /// Logical ids `id` must be declared after, beyond its own references.
    pub(super) fn extra_deps(&self, id: &str) -> Vec<String> {
        let _ = id;
        Vec::new()
    }

    /// `id` is written by a safe construct rather than on its own.
    pub(super) fn skip(&self, id: &str) -> bool {
        let _ = id;
        false
    }

    /// Writes the safe construct standing for `id`; `false` when there is nothing to write.
    pub(super) fn write(&self, w: &mut Writer<'_>, id: &str) -> Result<bool, WriteError> {
        let _ = (w, id);
        Ok(false)
    }

    /// The evidence value (`MountedFileSystemId`, …) for `x`, when a safe construct yields it.
    pub(super) fn evidence(&self, w: &mut Writer<'_>, marker: &str, x: &J) -> Option<String> {
        let _ = (w, marker, x);
        None
    }

    /// A `Ref` to `name` that a safe construct answers differently.
    pub(super) fn reference(&self, w: &mut Writer<'_>, name: &str, want: &Ty) -> Option<Code> {
        let _ = (w, name, want);
        None
    }
}
