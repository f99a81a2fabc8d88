//! The core's top-level modules are layers: each `mod.rs` names, on its `//! Uses:` line, the
//! modules it may use, and this test fails on an import of any other one, and on any cycle
//! between top-level modules. Code only: comments, doc links and `#[cfg(test)]` code may
//! reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// Every top-level module's folder (or file), from lib.rs's `pub mod` lines.
fn top_modules() -> Vec<String> {
    let lib = fs::read_to_string(Path::new(SRC).join("lib.rs")).unwrap();
    lib.lines()
        .filter_map(|l| {
            let l = l.trim();
            let name = l.strip_prefix("pub mod ").or(l.strip_prefix("mod "))?;
            Some(name.trim_end_matches(';').to_string())
        })
        .collect()
}

/// Every `.rs` file under `dir` (or `dir.rs`, a module of one file), in order.
fn rs_files(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return vec![dir.with_extension("rs")];
    }
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The `.rs` files of a module, less those declared `#[cfg(test)] mod x;`.
fn files_of(module: &str) -> Vec<PathBuf> {
    shipped(&Path::new(SRC).join(module))
}

/// The `.rs` files under `dir`, less those declared `#[cfg(test)] mod x;`.
fn shipped(dir: &Path) -> Vec<PathBuf> {
    let mut out = rs_files(dir);
    let test_only: BTreeSet<PathBuf> = out
        .iter()
        .flat_map(|p| {
            let (_, files) = code_of(&fs::read_to_string(p).unwrap());
            let dir = p.parent().unwrap().to_path_buf();
            files.into_iter().map(move |f| dir.join(format!("{f}.rs")))
        })
        .collect();
    out.retain(|p| !test_only.contains(p));
    out
}

/// The code of a file without comments and `#[cfg(test)]` items, and the names of test-only
/// module files it declares.
fn code_of(src: &str) -> (String, Vec<String>) {
    let no_comments: String = src
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::new();
    let mut test_files = Vec::new();
    let mut rest = no_comments.as_str();
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        let after = &rest[i + "#[cfg(test)]".len()..];
        // the item ends at its `;` or at the brace that closes its first block
        let semi = after.find(';');
        let brace = after.find('{');
        let end = match (semi, brace) {
            (Some(s), Some(b)) if s < b => s + 1,
            (Some(s), None) => s + 1,
            (_, Some(b)) => {
                let mut depth = 0;
                let mut end = after.len();
                for (j, c) in after[b..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + j + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (None, None) => after.len(),
        };
        let item = after[..end].trim();
        if let Some(name) = item.strip_prefix("mod ").and_then(|m| m.strip_suffix(';')) {
            test_files.push(name.trim().to_string());
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    (out, test_files)
}

/// The top-level modules a piece of code names through `crate::`.
fn uses_in(code: &str, modules: &[String]) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let after = &code[i + "crate::".len()..];
        let names: Vec<String> = if let Some(group) = after.strip_prefix('{') {
            // `crate::{a, b::c}`: the first name of each part at the group's top level
            let mut depth = 0;
            let mut parts = vec![String::new()];
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => parts.push(String::new()),
                    c => parts.last_mut().unwrap().push(c),
                }
            }
            parts.iter().map(|p| ident(p)).collect()
        } else {
            vec![ident(after)]
        };
        found.extend(names.into_iter().filter(|n| modules.contains(n)));
    }
    found
}

/// The modules a module's `mod.rs` says it may use.
fn declared(module: &str) -> Option<BTreeSet<String>> {
    let text = fs::read_to_string(Path::new(SRC).join(module).join("mod.rs")).ok()?;
    let line = text.lines().find_map(|l| l.strip_prefix("//! Uses:"))?;
    Some(
        line.trim()
            .trim_end_matches('.')
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty() && s != "nothing")
            .collect(),
    )
}

fn graph() -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let modules = top_modules();
    let mut graph = BTreeMap::new();
    for m in &modules {
        let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for file in files_of(m) {
            let (code, _) = code_of(&fs::read_to_string(&file).unwrap());
            for used in uses_in(&code, &modules) {
                if used != *m {
                    let shown = file.strip_prefix(SRC).unwrap().display().to_string();
                    edges.entry(used).or_default().push(shown);
                }
            }
        }
        graph.insert(m.clone(), edges);
    }
    graph
}

#[test]
fn the_core_has_at_most_ten_top_level_modules_each_a_folder() {
    let modules = top_modules();
    assert!(modules.len() <= 10, "{modules:?}");
    for m in &modules {
        assert!(
            declared(m).is_some(),
            "src/{m}/mod.rs should say on a `//! Uses:` line which modules it may use"
        );
    }
}

#[test]
fn every_module_uses_only_what_its_mod_rs_declares() {
    let mut wrong = Vec::new();
    for (m, edges) in graph() {
        let allowed = declared(&m).unwrap_or_default();
        for (used, files) in edges {
            if !allowed.contains(&used) {
                wrong.push(format!("{m} uses {used} (in {})", files.join(", ")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports its mod.rs does not allow:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let graph = graph();
    // depth-first search for a back edge; the cycle is printed with the files that close it
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeMap<String, Vec<String>>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut cycle = path[at..].to_vec();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        if !done.insert(m.to_string()) {
            return None;
        }
        path.push(m.to_string());
        for used in graph[m].keys() {
            if let Some(c) = visit(used, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(m, &graph, &mut path, &mut BTreeSet::new()) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
        done.insert(m.clone());
    }
}

#[test]
fn the_check_sees_an_upward_import_and_ignores_tests_and_comments() {
    let modules: Vec<String> = ["base", "model"].map(String::from).into();
    let code =
        "use crate::model::Report; // crate::base\n#[cfg(test)]\nmod tests { use crate::base::x; }";
    let (code, _) = code_of(code);
    assert_eq!(
        uses_in(&code, &modules),
        BTreeSet::from(["model".to_string()])
    );
    let grouped = "use crate::{base::text, model, Report};";
    assert_eq!(uses_in(grouped, &modules).len(), 2);
}

/// The shell (`src/`, the app crate beside this one) in the same way: its layers, bottom up,
/// each using only those before it.
#[test]
fn the_shell_layers_point_one_way() {
    const SHELL: [&str; 5] = ["web", "state", "components", "pages", "app"];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
    let modules: Vec<String> = SHELL.map(String::from).into();
    let mut wrong = Vec::new();
    for (i, layer) in SHELL.iter().enumerate() {
        let files = rs_files(&root.join(layer));
        for file in &files {
            let (code, _) = code_of(&fs::read_to_string(file).unwrap());
            for used in uses_in(&code, &modules) {
                if SHELL.iter().position(|l| *l == used).unwrap() > i {
                    wrong.push(format!("{layer} uses {used} (in {})", file.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the shell's layers point up:\n{}",
        wrong.join("\n")
    );
}

/// The wasm build is made with `-Z fmt-debug=none` (.cargo/config.toml): `{:?}` writes
/// nothing there, so no code that ships may format with it, or a message, a key or an
/// attribute would be blank in the browser alone. Tests may.
#[test]
fn no_shipped_code_formats_with_debug() {
    let root = Path::new(SRC).join("../../..");
    let mut found = Vec::new();
    for dir in ["crates/core/src", "crates/office/src", "src"] {
        for file in shipped(&root.join(dir)) {
            let (code, _) = code_of(&fs::read_to_string(&file).unwrap());
            for line in code.lines() {
                if line.contains(":?}") || line.contains(":#?}") || line.contains("dbg!(") {
                    let shown = file.strip_prefix(&root).unwrap().display().to_string();
                    found.push(format!("{shown}: {}", line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "Debug formatting in shipped code:\n{}",
        found.join("\n")
    );
}
