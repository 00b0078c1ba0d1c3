//! Rendered files as pieces: owned text, or ranges of one buffer that the parts of an automatically
//! nested stack share. The runner writes the pieces straight to their files; [`crate::assemble`]
//! joins them into the `String`s of its [`crate::File`]s.

use std::io::{self, Write};
use std::ops::Range;
use std::rc::Rc;

/// One piece of a file.
pub(crate) enum Piece {
    /// Text of this file alone.
    Own(String),
    /// A range of a shared buffer.
    Shared(Rc<String>, Range<usize>),
}

impl Piece {
    fn as_str(&self) -> &str {
        match self {
            Piece::Own(s) => s,
            Piece::Shared(b, r) => b.get(r.clone()).unwrap_or_default(),
        }
    }
}

/// A rendered file: its name and its contents.
pub(crate) struct Rendered {
    pub name: String,
    pub pieces: Vec<Piece>,
}

impl Rendered {
    /// A file of one piece.
    pub fn whole(name: String, body: String) -> Rendered {
        Rendered {
            name,
            pieces: vec![Piece::Own(body)],
        }
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.pieces.iter().map(|p| p.as_str().len()).sum()
    }

    /// Writes the contents.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        for p in &self.pieces {
            out.write_all(p.as_str().as_bytes())?;
        }
        Ok(())
    }

    /// The contents as one string.
    pub fn into_string(self) -> String {
        if let [Piece::Own(_)] = self.pieces.as_slice() {
            if let Some(Piece::Own(s)) = self.pieces.into_iter().next() {
                return s;
            }
            return String::new();
        }
        let mut s = String::with_capacity(self.len());
        for p in &self.pieces {
            s.push_str(p.as_str());
        }
        s
    }
}
