//! Browser tests of the shell: `cargo test --target wasm32-unknown-unknown` runs them in
//! headless Chromium through wasm-bindgen-test-runner, against the real localStorage.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use selfeval::core_::model::field::Field;
use selfeval::core_::store::{draft_key, KeyValue, Loaded, Meta, StoreError};
use selfeval::core_::{file::draft, sample};
use selfeval::state::{Library, Nav, SaveState, Session};
use selfeval::web::storage::{local_store, LocalStore};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh host element for one test, so tests do not see each other's DOM.
fn host() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.dyn_into().unwrap()
}

fn text(host: &web_sys::HtmlElement, sel: &str) -> String {
    host.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("{sel} not found"))
        .text_content()
        .unwrap_or_default()
}

/// Type into an input as a user does: set the value, fire `input`.
fn type_into(host: &web_sys::HtmlElement, sel: &str, value: &str) {
    let input: web_sys::HtmlInputElement = host
        .query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("{sel} not found"))
        .dyn_into()
        .unwrap();
    input.set_value(value);
    let ev = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&ev).unwrap();
}

/// A field by its path.
/// Once the frame after an edit has been drawn and the task after it has run: the findings
/// are checked then (they follow the figures by a frame), and shown at the next tick.
async fn after_frame() {
    let done = js_sys::Promise::new(&mut |resolve, _| {
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
                },
                std::time::Duration::ZERO,
            )
        })
    });
    wasm_bindgen_futures::JsFuture::from(done).await.unwrap();
    leptos::task::tick().await;
}

fn f(path: &str) -> Field {
    path.parse().unwrap()
}

fn clear_app_keys() {
    let mut kv = LocalStore;
    for k in kv.keys().unwrap() {
        if k.starts_with("selfeval.") || k.starts_with("filler.") {
            kv.remove(&k).unwrap();
        }
    }
}

/// Mount `view` with a session on a stored copy of the sample; returns the session.
fn mount_session<V: IntoView + 'static>(
    host: &web_sys::HtmlElement,
    id: &str,
    view: impl Fn() -> V + 'static,
) -> (Session, impl Drop) {
    let mut report = sample();
    report.id = id.to_string();
    local_store()
        .create(
            &report,
            Meta::default(),
            "test-setup",
            "2026-11-28 09:00:00",
        )
        .unwrap();
    let slot = StoredValue::new_local(None::<Session>);
    let mounted = leptos::mount::mount_to(host.clone(), move || {
        let library = Library::builtin();
        provide_context(library);
        provide_context(Nav::new());
        let loaded: Loaded = local_store().load(&report.id).unwrap();
        let s = Session::new(loaded, library, selfeval::web::storage::Backend::local());
        provide_context(s);
        slot.set_value(Some(s));
        view()
    });
    (slot.get_value().unwrap(), mounted)
}

#[wasm_bindgen_test]
fn local_store_round_trip_through_the_core_store() {
    clear_app_keys();
    let mut store = local_store();
    let r = sample();
    store.create(&r, Meta::default(), "w", "t1").unwrap();
    let loaded = store.load(&r.id).unwrap();
    assert_eq!(loaded.report, r);
    assert_eq!(loaded.stamp.revision, 1);
    assert_eq!(loaded.stamp.writer, "w");
    assert_eq!(store.list().unwrap().len(), 1);
    clear_app_keys();
}

#[wasm_bindgen_test]
fn a_full_local_storage_is_reported_as_quota_exceeded() {
    clear_app_keys();
    let mut kv = LocalStore;
    let chunk = "x".repeat(256 * 1024);
    let mut error = None;
    for i in 0..200 {
        if let Err(e) = kv.set(&format!("filler.{i}"), &chunk) {
            error = Some(e);
            break;
        }
    }
    assert_eq!(error, Some(StoreError::Quota));
    // and a save in that state fails with the message the banner shows, storing nothing
    let mut store = local_store();
    let mut r = sample();
    r.sections[1].text = "长".repeat(300_000);
    let e = store.create(&r, Meta::default(), "w", "t").unwrap_err();
    assert_eq!(e.to_string(), "浏览器本地存储空间已满");
    assert_eq!(kv.get(&draft_key(&r.id)).unwrap(), None);
    clear_app_keys();
}

#[wasm_bindgen_test]
async fn figure_fields_show_the_value_read_or_the_parser_message() {
    clear_app_keys();
    let host = host();
    let (session, _m) = mount_session(&host, "web-figure", || {
        view! {
            <selfeval::components::fields::FigureInput field=f("budget.sources.src-1.executed") label="执行数" unit="万元"/>
            <selfeval::components::SummaryCards/>
        }
    });
    leptos::task::tick().await;
    let input = "[data-path='budget.sources.src-1.executed']";
    type_into(&host, input, "３，９９０．８４万元");
    leptos::task::tick().await;
    assert_eq!(text(&host, ".parsed"), "= 3990.84");
    assert_eq!(text(&host, "#rate"), "98.49%");
    type_into(&host, input, "39九0");
    leptos::task::tick().await;
    assert_eq!(text(&host, ".parse-error"), "含有无法识别的字符“九”");
    // the input's own value is set by a render effect one tick later
    leptos::task::tick().await;
    // the text is kept as typed, in the input and in the draft
    let el: web_sys::HtmlInputElement = host
        .query_selector(input)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(el.value(), "39九0");
    assert_eq!(
        session
            .report
            .with_untracked(|r| r.budget.sources[0].executed.0.clone()),
        "39九0"
    );
    assert_eq!(text(&host, "#rate"), "0.00%");
    clear_app_keys();
}

#[wasm_bindgen_test]
async fn edits_recompute_undo_and_save() {
    clear_app_keys();
    let host = host();
    let (session, _m) = mount_session(&host, "web-session", || {
        view! { <selfeval::components::SummaryCards/><selfeval::components::FindingsList/> }
    });
    leptos::task::tick().await;
    session.set(&f("budget.sources.src-1.executed"), "3,000".into());
    leptos::task::tick().await;
    assert_eq!(text(&host, "#rate"), "74.04%");
    after_frame().await;
    assert!(text(&host, "#findings").contains("执行率 74.04% 低于 90%，请说明原因"));
    assert_eq!(session.save_state.get_untracked(), SaveState::Pending);
    session.save_now();
    assert!(matches!(
        session.save_state.get_untracked(),
        SaveState::Saved(Some(_))
    ));
    let stored = local_store().load("web-session").unwrap();
    assert_eq!(stored.stamp.revision, 2);
    assert_eq!(stored.report.budget.sources[0].executed.0, "3,000");
    // the first save of the session kept what another session had stored in the history
    let history = local_store().versions("web-session").unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        draft::from_json(&history[0].text).unwrap().budget.sources[0]
            .executed
            .0,
        "3990.84"
    );
    session.undo();
    leptos::task::tick().await;
    assert_eq!(text(&host, "#rate"), "98.49%");
    session.redo();
    leptos::task::tick().await;
    assert_eq!(text(&host, "#rate"), "74.04%");
    // a field with fixed values refuses bad input and says so, changing nothing
    session.set(&f("unit.year"), "二〇二一".into());
    assert!(session
        .edit_error
        .get_untracked()
        .unwrap()
        .contains("四位数字"));
    assert_eq!(session.report.with_untracked(|r| r.unit.year), 2021);
    clear_app_keys();
}

/// Why the bridge does not store through gloo-storage (docs/storage.md): its `set` writes
/// values as JSON, so a draft's text would be stored as a quoted JSON string (another format
/// than every stored draft and importable file), and its `get` cannot return a damaged entry's
/// raw text, which the drafts list must offer for download.
#[wasm_bindgen_test]
fn gloo_storage_would_change_what_is_stored() {
    use gloo_storage::{LocalStorage, Storage};
    clear_app_keys();
    let text = draft::to_json(&sample());
    LocalStorage::set("selfeval.gloo", &text).unwrap();
    let raw = LocalStore.get("selfeval.gloo").unwrap().unwrap();
    assert_ne!(raw, text, "gloo stores a JSON string literal, not the text");
    assert!(raw.starts_with('"'));
    let damaged = "{\"format\":\"selfeval-draft\",\"sch";
    LocalStore.set("selfeval.gloo", damaged).unwrap();
    assert!(LocalStorage::get::<String>("selfeval.gloo").is_err());
    assert_eq!(LocalStore.get("selfeval.gloo").unwrap().unwrap(), damaged);
    clear_app_keys();
}

#[wasm_bindgen_test]
fn settings_keep_their_type_and_read_what_earlier_builds_stored() {
    use selfeval::web::prefs::{self, View};
    clear_app_keys();
    assert_eq!(prefs::INDICATORS_AS_GRID.get(), None, "unset");
    assert!(prefs::INDICATORS_AS_GRID.set(&View::Grid));
    assert_eq!(prefs::INDICATORS_AS_GRID.get(), Some(View::Grid));
    // plain text, as an earlier build (and e2e's harness) stored it
    LocalStore
        .set("selfeval.v1.view.indicators", "cards")
        .unwrap();
    assert_eq!(prefs::INDICATORS_AS_GRID.get(), Some(View::Cards));
    LocalStore
        .set("selfeval.v1.build", "fe13d36d9376e196")
        .unwrap();
    assert_eq!(prefs::LAST_BUILD.get().as_deref(), Some("fe13d36d9376e196"));
    LocalStore.set("selfeval.v1.welcomed", "1").unwrap();
    assert_eq!(
        prefs::WELCOMED.get(),
        Some(1),
        "a returning user is not welcomed again"
    );
    // a value that reads as nothing of its type is unset, not an error
    LocalStore
        .set("selfeval.v1.view.indicators", "sideways")
        .unwrap();
    assert_eq!(prefs::INDICATORS_AS_GRID.get(), None);
    assert!(prefs::AUTHOR.set(&"王科长".to_string()));
    assert_eq!(prefs::AUTHOR.get().as_deref(), Some("王科长"));
    clear_app_keys();
}

#[wasm_bindgen_test]
async fn saves_are_stamped_with_the_session_and_detect_a_same_number_write() {
    clear_app_keys();
    let host = host();
    let (session, _m) = mount_session(
        &host,
        "web-stamp",
        || view! { <selfeval::components::SummaryCards/> },
    );
    leptos::task::tick().await;
    session.set(&f("unit.contact"), "甲".into());
    session.save_now();
    let mine = local_store().stamp("web-stamp").unwrap();
    assert_eq!(mine, session.base());
    assert_ne!(mine.writer, "test-setup");
    // another writer stores the same revision number: the next save is refused
    let mut other = local_store().load("web-stamp").unwrap().report;
    other.unit.contact = "乙".into();
    let theirs = selfeval::core_::store::Stamp {
        revision: mine.revision,
        writer: "other-tab".into(),
    };
    LocalStore
        .set(
            &draft_key("web-stamp"),
            &selfeval::core_::store::stored_json(&other, &theirs, "2026-12-01 09:00:00"),
        )
        .unwrap();
    session.set(&f("unit.phone"), "1".into());
    session.save_now();
    assert_eq!(session.save_state.get_untracked(), SaveState::Conflict);
    assert!(session.unsaved());
    assert_eq!(
        local_store().load("web-stamp").unwrap().report.unit.contact,
        "乙"
    );
    // once its version is kept as a new draft, leaving drops nothing
    session.kept_elsewhere();
    assert!(!session.unsaved());
    clear_app_keys();
}

/// A draft refused for a wrong field says, in the browser too, what the field holds: the wasm
/// is built with `{:?}` writing nothing (.cargo/config.toml), and serde words a string it
/// did not expect with `{:?}`.
#[wasm_bindgen_test]
fn a_refused_field_is_quoted_in_the_message() {
    let sample = draft::to_json(&sample());
    let refused = |from: &str, to: &str| {
        assert!(sample.contains(from), "{from}");
        draft::from_json(&sample.replacen(from, to, 1))
            .unwrap_err()
            .to_string()
    };
    let e = refused("\"year\": 2021", "\"year\": \"二〇二一\"");
    assert!(
        e.ends_with("基本信息「年度」应为整数，而不是文字“二〇二一”"),
        "{e}"
    );
    let e = refused("\"year\": 2021", "\"year\": 70000");
    assert!(e.ends_with("基本信息「年度」的值数字 70000超出范围"), "{e}");
    let e = refused("\"kind\": \"fiscal\"", "\"kind\": \"gold\"");
    assert!(e.contains("「类别」的取值“gold”无效"), "{e}");
}
