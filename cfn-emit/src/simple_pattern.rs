//! The schema patterns that are one character class under a quantifier (`^[a-z0-9-]+$`,
//! `^([a-zA-Z0-9 _-])*$`, `^[0-7]{3,4}$`, `^[^:]`), matched without compiling a regular
//! expression: compiling one costs about 100,000 instructions, which for a small stack is more
//! than validating it. Anything else (`\w`, `\p{…}`, alternatives, groups of more than a class) is
//! left to the `regex` crate; the tests check both agree.

/// A character class: ranges, possibly negated.
struct Class {
    ranges: Vec<(char, char)>,
    negated: bool,
}

impl Class {
    fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|(a, b)| *a <= c && c <= *b) != self.negated
    }
}

/// `^CLASS{min,max}$`, or `^CLASS` alone (the text starts with a member).
pub(crate) struct Simple {
    class: Class,
    min: usize,
    max: Option<usize>,
    whole: bool,
}

impl Simple {
    /// The pattern, when it has one of the simple forms.
    pub(crate) fn parse(p: &str) -> Option<Simple> {
        let rest = p.strip_prefix('^')?;
        let (class, rest) = match rest.strip_prefix('(') {
            Some(inner) => {
                let (class, after) = parse_class(inner)?;
                (class, after.strip_prefix(')')?)
            }
            None => parse_class(rest)?,
        };
        if rest.is_empty() {
            return Some(Simple {
                class,
                min: 1,
                max: None,
                whole: false,
            });
        }
        let body = rest.strip_suffix('$')?;
        let (min, max) = match body {
            "*" => (0, None),
            "+" => (1, None),
            "" => (1, Some(1)),
            q => {
                let q = q.strip_prefix('{')?.strip_suffix('}')?;
                match q.split_once(',') {
                    None => {
                        let n = q.parse().ok()?;
                        (n, Some(n))
                    }
                    Some((a, "")) => (a.parse().ok()?, None),
                    Some((a, b)) => (a.parse().ok()?, Some(b.parse().ok()?)),
                }
            }
        };
        Some(Simple {
            class,
            min,
            max,
            whole: true,
        })
    }

    /// Whether `s` matches.
    pub(crate) fn is_match(&self, s: &str) -> bool {
        if !self.whole {
            return s.chars().next().is_some_and(|c| self.class.contains(c));
        }
        let mut n = 0usize;
        for c in s.chars() {
            if !self.class.contains(c) {
                return false;
            }
            n += 1;
        }
        n >= self.min && self.max.is_none_or(|m| n <= m)
    }
}

/// `[…]` at the start of `p`: the class and what follows it. `None` for anything the simple
/// matcher does not cover (Unicode classes, `\w`, `\d`, `\s`, nested classes, `&&`).
fn parse_class(p: &str) -> Option<(Class, &str)> {
    let body = p.strip_prefix('[')?;
    let (negated, body) = match body.strip_prefix('^') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let mut chars = body.char_indices().peekable();
    let mut items: Vec<char> = Vec::new();
    let mut dash_at: Vec<usize> = Vec::new(); // positions in `items` where an unescaped `-` stands
    let end;
    let mut first = true;
    loop {
        let (i, c) = chars.next()?;
        match c {
            ']' if !first => {
                end = i + 1;
                break;
            }
            '[' | '&' | '~' => return None,
            '\\' => {
                let (_, e) = chars.next()?;
                let lit = match e {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'u' => {
                        let mut hex = String::new();
                        for _ in 0..4 {
                            hex.push(chars.next()?.1);
                        }
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    c if c.is_ascii_punctuation() => c,
                    _ => return None,
                };
                items.push(lit);
            }
            '-' => {
                dash_at.push(items.len());
                items.push('-');
            }
            c => items.push(c),
        }
        first = false;
    }
    // A dash between two items makes a range; at either end it is a literal.
    let mut ranges = Vec::new();
    let mut k = 0;
    while k < items.len() {
        let range = k + 2 < items.len() && dash_at.contains(&(k + 1)) && !dash_at.contains(&k);
        if range {
            if items[k] > items[k + 2] {
                return None;
            }
            ranges.push((items[k], items[k + 2]));
            k += 3;
        } else {
            ranges.push((items[k], items[k]));
            k += 1;
        }
    }
    Some((Class { ranges, negated }, body.get(end..)?))
}

#[cfg(test)]
mod tests {
    use super::Simple;

    /// Every form the simple matcher takes agrees with the regex crate on a spread of texts;
    /// patterns it does not take are left alone.
    #[test]
    fn agrees_with_the_regex_crate() {
        let patterns = [
            r"^([a-z,A-Z,0-9,. _\-:/()#,@[\]+=&;\{\}!$*])*$",
            r"^[0-7]{3,4}$",
            r"^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$",
            r"^[^:]",
            r"^[a-zA-Z0-9_.-]+$",
            r"^[a-zA-Z0-9_\-.]{3,128}$",
            r"^[\.\-_/#A-Za-z0-9]+$",
            r"^[a-z0-9-]{1,63}$",
            r"^[-a-z]{2,}$",
            r"^[a-z]$",
            r"^[0-9]{12}$",
            r"^[^\s]+$",
            r"^[\w+=,.@-]+$",
            r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$",
            r"^(\/|(\/(?!\.)+[^$#<>;`|&?{}^*/\n]+){1,4})$",
            r"^arn:aws:.*$",
        ];
        let texts = [
            "",
            "a",
            "abc",
            "ABC-def_09.",
            "scale group 17",
            "with\ttab",
            "line\nbreak",
            "é",
            "ü-ß",
            "0755",
            "0644",
            "7777",
            "12345",
            "08",
            ":start",
            "x:y",
            "a b",
            "[x]",
            "{y}",
            "$^*",
            "/path/to",
            "#1",
            "a,b;c&d!",
            "€",
            "ok-name-63",
            "UPPER",
            "123456789012",
            "1234567890123",
            "-",
            "--",
            "a-",
            "aa",
            "zz",
        ];
        let mut simple = 0;
        for p in patterns {
            let re = regex::Regex::new(p).ok();
            let Some(s) = Simple::parse(p) else { continue };
            simple += 1;
            let re = re.expect("a simple pattern compiles");
            for t in texts {
                assert_eq!(s.is_match(t), re.is_match(t), "pattern {p} on {t:?}");
            }
        }
        assert!(simple >= 9, "{simple}");
        assert!(Simple::parse(r"^[\w+=,.@-]+$").is_none() && Simple::parse(r"^[\p{L}]*$").is_none());
    }
}
