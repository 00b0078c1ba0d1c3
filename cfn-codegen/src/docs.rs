//! Schema descriptions as rustdoc: escaped so that rustdoc renders them as text (no broken intra-doc
//! links, no HTML tags, no doctests from indented or fenced blocks).

/// The description as doc-comment lines (without the `///`).
pub fn doc_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace(['\r', '\t'], " ");
    let escaped = escape(text.trim());
    let mut out: Vec<String> = Vec::new();
    for line in escaped.lines() {
        let line = line.trim();
        if line.is_empty() {
            if out.last().is_some_and(|l: &String| !l.is_empty()) {
                out.push(String::new());
            }
        } else {
            out.push(line.to_string());
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// Renders `lines` as `///` comments at the given indentation.
pub fn render(lines: &[String], out: &mut String) {
    for l in lines {
        if l.is_empty() {
            out.push_str("///\n");
        } else {
            out.push_str("/// ");
            out.push_str(l);
            out.push('\n');
        }
    }
}

fn escape(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                let run = chars[i..].iter().take_while(|&&x| x == '`').count();
                // A code span: the same run of backticks closes it.
                if let Some(end) = find_run(&chars, i + run, run) {
                    let inner: String = chars[i + run..end].iter().collect();
                    if run >= 3 || inner.contains('\n') {
                        // Would be (or break) a fenced block: keep as a one-line code span.
                        let inner = inner.replace('\n', " ").replace('`', "'");
                        out.push_str(&format!("`` {} ``", inner.trim()));
                    } else {
                        let ticks: String = "`".repeat(run);
                        out.push_str(&ticks);
                        out.push_str(&inner);
                        out.push_str(&ticks);
                    }
                    i = end + run;
                } else {
                    for _ in 0..run {
                        out.push_str("\\`");
                    }
                    i += run;
                }
            }
            '[' => {
                if let Some((text, url, next)) = markdown_link(&chars, i) {
                    out.push('[');
                    out.push_str(&escape_plain(&text));
                    out.push_str("](");
                    out.push_str(&url);
                    out.push(')');
                    i = next;
                } else {
                    out.push_str("\\[");
                    i += 1;
                }
            }
            'h' if starts_with(&chars, i, "https://") || starts_with(&chars, i, "http://") => {
                let mut end = i;
                while end < chars.len() && !chars[end].is_whitespace() && !"<>\"'`()[]".contains(chars[end]) {
                    end += 1;
                }
                while end > i && ".,;:".contains(chars[end - 1]) {
                    end -= 1;
                }
                let url: String = chars[i..end].iter().collect();
                out.push('<');
                out.push_str(&url);
                out.push('>');
                i = end;
            }
            _ => {
                out.push_str(&escape_char(c));
                i += 1;
            }
        }
    }
    out
}

fn escape_char(c: char) -> String {
    match c {
        ']' => "\\]".into(),
        '<' => "&lt;".into(),
        '>' => "&gt;".into(),
        '&' => "&amp;".into(),
        '\\' => "\\\\".into(),
        '[' => "\\[".into(),
        '`' => "\\`".into(),
        c => c.to_string(),
    }
}

fn escape_plain(s: &str) -> String {
    s.chars().map(escape_char).collect()
}

fn starts_with(chars: &[char], at: usize, pat: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    chars.len() >= at + p.len() && chars[at..at + p.len()] == p[..]
}

fn find_run(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let r = chars[j..].iter().take_while(|&&x| x == '`').count();
            if r == run {
                return Some(j);
            }
            j += r;
        } else {
            j += 1;
        }
    }
    None
}

/// `[text](http…)` at `i`: (text, url, index after it).
fn markdown_link(chars: &[char], i: usize) -> Option<(String, String, usize)> {
    let close = (i + 1..chars.len()).find(|&j| chars[j] == ']' || chars[j] == '[' || chars[j] == '\n')?;
    if chars[close] != ']' || chars.get(close + 1) != Some(&'(') {
        return None;
    }
    if !(starts_with(chars, close + 2, "https://") || starts_with(chars, close + 2, "http://")) {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&j| chars[j] == ')' || chars[j].is_whitespace())?;
    if chars[end] != ')' {
        return None;
    }
    let text: String = chars[i + 1..close].iter().collect();
    let url: String = chars[close + 2..end].iter().collect();
    Some((text, url, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(doc_lines("[VPC only] rules"), vec!["\\[VPC only\\] rules"]);
        assert_eq!(doc_lines("a <b> & c"), vec!["a &lt;b&gt; &amp; c"]);
        assert_eq!(doc_lines("use ``alias/x``"), vec!["use ``alias/x``"]);
        assert_eq!(doc_lines("see https://x.y/z."), vec!["see <https://x.y/z>."]);
        assert_eq!(
            doc_lines("see [Docs](https://docs.aws.amazon.com/a.html) now"),
            vec!["see [Docs](https://docs.aws.amazon.com/a.html) now"]
        );
        assert_eq!(
            doc_lines("  first\n      indented\n\n\n second  "),
            vec!["first", "indented", "", "second"]
        );
        assert_eq!(doc_lines("```\nfn main() {}\n```"), vec!["`` fn main() {} ``"]);
        assert_eq!(doc_lines("odd ` tick"), vec!["odd \\` tick"]);
        assert_eq!(doc_lines("a_b *c* \\d"), vec!["a_b *c* \\\\d"]);
        assert!(doc_lines("").is_empty());
    }
}
