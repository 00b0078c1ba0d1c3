// Scratch: writes one crate with a module per template (args: OUT_DIR CFN_PATH TEMPLATES...).
use std::fmt::Write as _;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = std::path::PathBuf::from(&args[0]);
    let cfn = &args[1];
    std::fs::create_dir_all(out.join("src")).unwrap();
    let mut main = String::from("#![recursion_limit = \"1024\"]\n#![allow(unused)]\n");
    let mut calls = String::new();
    let mut map = String::new();
    let mut feats = std::collections::BTreeSet::new();
    let (mut res, mut typed, mut raw, mut esc) = (0, 0, 0, 0);
    for (i, t) in args[2..].iter().enumerate() {
        let v = match cfn_import::parse_file(std::path::Path::new(t)) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("PARSE {t}: {e}");
                continue;
            }
        };
        let p = match cfn_import::write_program(&v, &cfn_import::Options { source: t.clone() }) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("WRITE {t}: {e}");
                continue;
            }
        };
        res += p.stats.resources;
        typed += p.stats.fully_typed;
        raw += p.stats.raw;
        esc += p.escapes.len();
        feats.extend(p.features.iter().cloned());
        let _ = writeln!(main, "mod t{i:04} {{\n{}\n}}", p.module.replace("//!", "//"));
        let _ = writeln!(calls, "    one(\"t{i:04}\", t{i:04}::stack);");
        let _ = writeln!(map, "t{i:04}\t{t}");
        std::fs::write(
            out.join(format!("src/t{i:04}.long.json")),
            serde_json::to_string_pretty(&v).unwrap(),
        )
        .unwrap();
    }
    eprintln!("resources {res}, fully typed {typed}, raw {raw}, escapes {esc}");
    let _ = writeln!(main, "fn one(n: &str, f: fn() -> cfn::model::Stack) {{\n    let dir = std::env::args().nth(1).unwrap();\n    match std::panic::catch_unwind(f) {{ Ok(s) => match cfn::to_json(&s) {{ Ok(j) => std::fs::write(format!(\"{{dir}}/{{n}}.json\"), j).unwrap(), Err(e) => std::fs::write(format!(\"{{dir}}/{{n}}.err\"), format!(\"{{e:?}}\")).unwrap() }}, Err(_) => std::fs::write(format!(\"{{dir}}/{{n}}.err\"), \"panic\").unwrap() }}\n}}\nfn main() {{\n{calls}}}");
    std::fs::write(out.join("src/main.rs"), main).unwrap();
    std::fs::write(out.join("map.txt"), map).unwrap();
    let f: Vec<String> = feats.iter().map(|f| format!("{f:?}")).collect();
    std::fs::write(out.join("Cargo.toml"), format!("[package]\nname = \"rt\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[dependencies]\ncfn = {{ package = \"cfn-typed\", path = {cfn:?}, default-features = false, features = [{}] }}\n[workspace]\n", f.join(", "))).unwrap();
}
