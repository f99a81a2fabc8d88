use super::*;
use crate::sample;

fn store() -> Store<MemoryStore> {
    Store::new(MemoryStore::default())
}

fn meta(r: &Report) -> Meta {
    Meta {
        name: r.display_name(),
        ..Meta::default()
    }
}

fn stamp(revision: u64, writer: &str) -> Stamp {
    Stamp {
        revision,
        writer: writer.into(),
    }
}

/// A draft stored by session "a" on 28 November.
fn stored_sample() -> (Store<MemoryStore>, Report) {
    let mut s = store();
    let r = sample();
    s.create(&r, meta(&r), "a", "2026-11-28 09:00:00").unwrap();
    (s, r)
}

#[test]
fn create_save_load_round_trip_with_stamps() {
    let (mut s, mut r) = stored_sample();
    assert_eq!(
        s.create(&r, meta(&r), "a", "x"),
        Err(SaveError::Exists),
        "a new draft never replaces a stored one"
    );
    r.conclusion = "较好完成年度目标。".into();
    let st = s
        .save(&r, meta(&r), &stamp(1, "a"), "a", "2026-11-28 09:01:00")
        .unwrap();
    assert_eq!(st, stamp(2, "a"));
    let l = s.load(&r.id).unwrap();
    assert_eq!(l.report, r);
    assert_eq!(l.stamp, stamp(2, "a"));
    assert_eq!(l.saved_at, "2026-11-28 09:01:00");
    assert_eq!(l.read_only, None);
    // a stored entry is itself an importable draft file
    assert_eq!(
        draft::from_json(&s.raw(&r.id).unwrap().unwrap()).unwrap(),
        r
    );
    // saves within one session on one day keep no history
    assert!(s.versions(&r.id).unwrap().is_empty());
}

#[test]
fn a_stale_tab_cannot_overwrite_a_newer_save() {
    let (mut s, r) = stored_sample();
    let mut a = r.clone();
    let mut b = r.clone();
    a.conclusion = "A 窗口".into();
    s.save(&a, meta(&a), &stamp(1, "a"), "tab-a", "2026-11-28 09:02:00")
        .unwrap();
    b.conclusion = "B 窗口".into();
    let err = s
        .save(&b, meta(&b), &stamp(1, "a"), "tab-b", "2026-11-28 09:03:00")
        .unwrap_err();
    assert_eq!(err, SaveError::Conflict);
    assert_eq!(s.load(&r.id).unwrap().report.conclusion, "A 窗口");
    assert_eq!(s.stamp(&r.id), Some(stamp(2, "tab-a")));
}

#[test]
fn two_tabs_writing_the_same_revision_number_are_told_apart() {
    // both tabs read revision 1 before either wrote; B's write landed first (localStorage
    // between tabs is not transactional), then A's copy is based on what A last wrote
    let (mut s, r) = stored_sample();
    let mut b = r.clone();
    b.conclusion = "B".into();
    s.save(&b, meta(&b), &stamp(1, "a"), "tab-b", "2026-11-28 10:00:00")
        .unwrap();
    // tab A believes it wrote revision 2 itself: same number, another writer
    let mut a = r.clone();
    a.conclusion = "A".into();
    let err = s
        .save(
            &a,
            meta(&a),
            &stamp(2, "tab-a"),
            "tab-a",
            "2026-11-28 10:00:01",
        )
        .unwrap_err();
    assert_eq!(err, SaveError::Conflict);
    assert_eq!(s.stamp(&r.id), Some(stamp(2, "tab-b")));
    assert_eq!(s.load(&r.id).unwrap().report.conclusion, "B");
}

#[test]
fn quota_exceeded_changes_nothing_at_all() {
    let (mut s, r) = stored_sample();
    // a second session's save puts the first one into the history
    let mut r2 = r.clone();
    r2.conclusion = "第二次".into();
    s.save(&r2, meta(&r2), &stamp(1, "a"), "b", "2026-11-29 09:00:00")
        .unwrap();
    assert_eq!(s.versions(&r.id).unwrap().len(), 1);
    let before = s.kv.map.clone();
    s.kv.quota = Some(s.kv.used() + 100);
    let mut big = r2.clone();
    big.sections[1].text = "长".repeat(5000);
    let err = s
        .save(&big, meta(&big), &stamp(2, "b"), "c", "2026-11-30 09:00:00")
        .unwrap_err();
    assert_eq!(err, SaveError::Store(StoreError::Quota));
    assert_eq!(err.to_string(), "浏览器本地存储空间已满");
    assert_eq!(
        s.kv.map, before,
        "neither the draft nor its history changed"
    );
}

#[test]
fn near_the_quota_the_draft_is_saved_even_when_its_history_does_not_fit() {
    let (mut s, r) = stored_sample();
    // room for the new draft, not for a second copy of the old one
    s.kv.quota = Some(s.kv.used() + 1000);
    let mut r2 = r.clone();
    r2.conclusion = "新一次编辑".into();
    let st = s
        .save(&r2, meta(&r2), &stamp(1, "a"), "b", "2026-11-29 09:00:00")
        .unwrap();
    assert_eq!(st.revision, 2);
    assert_eq!(s.load(&r.id).unwrap().report.conclusion, "新一次编辑");
    assert!(s.versions(&r.id).unwrap().is_empty());
}

#[test]
fn a_history_write_that_fails_after_the_draft_is_not_an_error() {
    let (mut s, r) = stored_sample();
    s.kv.writes_left = Some(1);
    let mut r2 = r.clone();
    r2.conclusion = "x".into();
    assert!(s
        .save(&r2, meta(&r2), &stamp(1, "a"), "b", "2026-11-29 09:00:00")
        .is_ok());
    assert_eq!(s.load(&r.id).unwrap().report.conclusion, "x");
}

#[test]
fn history_keeps_the_last_save_of_each_session_and_of_each_day() {
    let (mut s, mut r) = stored_sample();
    let mut base = stamp(1, "a");
    // eight sessions, one a day, each saving twice
    for day in 1..=8u32 {
        let writer = format!("session-{day}");
        for n in 0..2 {
            r.conclusion = format!("第 {day} 次会话第 {n} 次保存");
            let at = format!("2026-12-{day:02} 09:0{n}:00");
            base = s.save(&r, meta(&r), &base, &writer, &at).unwrap();
        }
    }
    let gens = s.versions(&r.id).unwrap();
    // every session's last save (and the first creation) is in, newest first, within limits
    assert_eq!(gens[0].kind, VersionKind::Session);
    let texts: Vec<String> = gens
        .iter()
        .map(|g| draft::from_json(&g.text).unwrap().conclusion)
        .collect();
    assert_eq!(texts[0], "第 7 次会话第 1 次保存");
    assert_eq!(texts[4], "第 3 次会话第 1 次保存");
    // more than the five most recent: older days keep their daily snapshot
    assert_eq!(gens.len(), 8);
    assert_eq!(texts[7], "", "the version first created");
    // a long session across midnight keeps the day before as a daily snapshot
    r.conclusion = "次日".into();
    s.save(&r, meta(&r), &base, "session-8", "2026-12-09 08:00:00")
        .unwrap();
    let gens = s.versions(&r.id).unwrap();
    assert_eq!(gens[0].kind, VersionKind::Daily);
    assert_eq!(gens[0].saved_at, "2026-12-08 09:01:00");
}

#[test]
fn retention_by_count_days_and_size() {
    let g = |day: u32, hour: u32, size: usize| Generation {
        kind: VersionKind::Session,
        saved_at: format!("2026-11-{day:02} {hour:02}:00:00"),
        revision: 1,
        writer: String::new(),
        text: "x".repeat(size),
    };
    // newest first: 10 generations on one day, then one on each of 20 earlier days
    let mut gens: Vec<Generation> = (0..10).map(|h| g(30, 20 - h, 10)).collect();
    gens.extend((1..=20).map(|d| g(30 - d, 12, 10)));
    let keep = retain(&gens, usize::MAX);
    // the 5 newest, then one for each of the next 13 days (14 days in all)
    assert_eq!(keep.len(), 5 + 13);
    assert_eq!(&keep[..6], &[0, 1, 2, 3, 4, 10]);
    // over the size budget the oldest go first; the newest stays whatever its size
    let keep = retain(&gens, 3 * gens[0].size());
    assert_eq!(keep, vec![0, 1, 2]);
    assert_eq!(retain(&[g(1, 1, 1000)], 10), vec![0]);
}

use super::versions::{self, retain};

#[test]
fn all_history_together_stays_within_its_share_of_the_quota() {
    let mut s = store();
    let big = "长".repeat(200_000);
    for n in 0..12 {
        let mut r = sample();
        r.id = format!("d{n}");
        r.conclusion = big.clone();
        s.create(&r, meta(&r), "a", "2026-11-01 09:00:00").unwrap();
        r.conclusion.push('。');
        s.save(
            &r,
            meta(&r),
            &stamp(1, "a"),
            "b",
            &format!("2026-11-{:02} 09:00:00", n + 2),
        )
        .unwrap();
    }
    let history: usize =
        s.kv.map
            .iter()
            .filter(|(k, _)| k.starts_with(VERSIONS_PREFIX))
            .map(|(_, v)| v.chars().count())
            .sum();
    assert!(history <= versions::TOTAL_BUDGET + 10_000, "{history}");
    // the newest draft's history is kept; the oldest drafts' went first
    assert_eq!(s.versions("d11").unwrap().len(), 1);
    assert!(s.versions("d0").unwrap().is_empty());
}

#[test]
fn restore_keeps_the_current_version_and_can_be_undone() {
    let (mut s, mut r) = stored_sample();
    r.conclusion = "第二版".into();
    s.save(&r, meta(&r), &stamp(1, "a"), "b", "2026-11-29 09:00:00")
        .unwrap();
    // generation 0 is the first version
    let st = s.restore(&r.id, 0, "home", "2026-11-29 10:00:00").unwrap();
    assert_eq!(st, stamp(3, "home"));
    assert_eq!(s.load(&r.id).unwrap().report.conclusion, "");
    let gens = s.versions(&r.id).unwrap();
    assert_eq!(gens[0].kind, VersionKind::Restore);
    // undo: restore the version the restore replaced
    s.restore(&r.id, 0, "home", "2026-11-29 10:01:00").unwrap();
    assert_eq!(s.load(&r.id).unwrap().report.conclusion, "第二版");
}

#[test]
fn a_restore_whose_second_write_fails_leaves_the_current_version() {
    let (mut s, mut r) = stored_sample();
    r.conclusion = "当前".into();
    s.save(&r, meta(&r), &stamp(1, "a"), "b", "2026-11-29 09:00:00")
        .unwrap();
    let current = s.raw(&r.id).unwrap();
    s.kv.writes_left = Some(1); // the history write succeeds, the draft write fails
    assert!(s.restore(&r.id, 0, "home", "t").is_err());
    assert_eq!(s.raw(&r.id).unwrap(), current);
    // when not even the current version can be kept, nothing is restored
    s.kv.writes_left = Some(0);
    assert!(s.restore(&r.id, 0, "home", "t").is_err());
    assert_eq!(s.raw(&r.id).unwrap(), current);
}

#[test]
fn restore_refuses_over_a_damaged_or_newer_entry() {
    let (mut s, mut r) = stored_sample();
    r.conclusion = "x".into();
    s.save(&r, meta(&r), &stamp(1, "a"), "b", "2026-11-29 09:00:00")
        .unwrap();
    for text in [
        "{\"format\":\"selfeval-draft\",\"sch".to_string(),
        r#"{"format":"selfeval-draft","schema":9,"revision":4,"report":{}}"#.to_string(),
    ] {
        s.kv.map.insert(draft_key(&r.id), text.clone());
        assert!(matches!(
            s.restore(&r.id, 0, "home", "t"),
            Err(SaveError::Protected(_))
        ));
        assert_eq!(s.raw(&r.id).unwrap().unwrap(), text);
    }
}

#[test]
fn a_backup_of_earlier_builds_is_part_of_the_history() {
    let (mut s, r) = stored_sample();
    let old = stored_json(&sample(), &stamp(1, ""), "2026-11-01 08:00:00");
    s.kv.set(&backup_key(&r.id), &old).unwrap();
    let gens = s.versions(&r.id).unwrap();
    assert_eq!(gens.len(), 1);
    assert_eq!(gens[0].kind, VersionKind::Backup);
    assert!(s.list().unwrap()[0].has_versions);
    // the next history write takes it over and drops the old key
    s.restore(&r.id, 0, "home", "2026-11-29 10:00:00").unwrap();
    assert!(!s.kv.map.contains_key(&backup_key(&r.id)));
    assert_eq!(s.versions(&r.id).unwrap().len(), 2);
}

#[test]
fn deleted_drafts_wait_in_the_bin_across_reloads() {
    let (mut s, r) = stored_sample();
    let mut other = sample();
    other.id = "other".into();
    s.create(&other, meta(&other), "a", "t").unwrap();
    s.delete(&r.id, "示例", "2026-11-28 10:00:00").unwrap();
    s.delete("other", "另一份", "2026-11-28 10:01:00").unwrap();
    // a reload: a new store over the same storage
    let mut s = Store::new(s.kv.clone());
    assert!(s.list().unwrap().is_empty());
    let bin = s.trash().unwrap();
    assert_eq!(
        bin.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(),
        ["另一份", "示例"]
    );
    assert!(bin[0].size > 1000);
    // every delete can be undone, not only the last
    s.undelete(&r.id).unwrap();
    assert_eq!(s.list().unwrap()[0].id, r.id);
    assert_eq!(s.load(&r.id).unwrap().report, r);
    // removing for good leaves no key behind
    s.purge("other").unwrap();
    assert!(s.kv.map.keys().all(|k| !k.contains("other")));
    assert!(s.trash().unwrap().is_empty());
}

#[test]
fn a_delete_that_cannot_be_written_changes_nothing() {
    let (mut s, r) = stored_sample();
    let before = s.kv.map.clone();
    s.kv.writes_left = Some(0);
    assert!(s.delete(&r.id, "示例", "t").is_err());
    assert_eq!(s.kv.map, before);
    s.kv.writes_left = None;
    assert_eq!(s.list().unwrap().len(), 1);
}

#[test]
fn the_bin_empties_itself_after_thirty_days_and_tidy_removes_orphans() {
    let (mut s, r) = stored_sample();
    s.delete(&r.id, "示例", "2026-11-01 10:00:00").unwrap();
    s.kv.set(&versions_key("ghost"), "{}").unwrap();
    s.tidy("2026-11-30 09:00:00");
    assert_eq!(s.trash().unwrap().len(), 1, "29 days: still there");
    assert!(!s.kv.map.contains_key(&versions_key("ghost")));
    s.tidy("2026-12-01 09:00:00");
    assert!(s.trash().unwrap().is_empty());
    assert!(s.kv.map.keys().all(|k| !k.contains(&r.id)));
    assert_eq!(trash::day_number("2026-03-01"), Some(20513));
    assert_eq!(trash::day_number("1970-01-01 00:00"), Some(0));
    assert_eq!(trash::day_number("垃圾"), None);
}

#[test]
fn emptying_the_bin_removes_every_key_of_its_drafts() {
    let (mut s, mut r) = stored_sample();
    r.conclusion = "x".into();
    s.save(&r, meta(&r), &stamp(1, "a"), "b", "2026-11-29 09:00:00")
        .unwrap();
    s.delete(&r.id, "示例", "t").unwrap();
    s.empty_trash().unwrap();
    assert!(
        s.kv.map.keys().all(|k| k == INDEX_KEY),
        "{:?}",
        s.kv.map.keys()
    );
}

#[test]
fn disabled_storage_is_an_error_not_a_panic() {
    let mut s = Store::new(MemoryStore {
        disabled: true,
        ..MemoryStore::default()
    });
    let r = sample();
    assert!(matches!(
        s.create(&r, meta(&r), "a", "t"),
        Err(SaveError::Store(StoreError::Unavailable(_)))
    ));
    assert!(s.list().is_err());
    assert!(s.trash().is_err());
    assert!(s.delete("x", "x", "t").is_err());
    assert!(matches!(s.load("x"), Err(LoadError::Store(_))));
    s.tidy("2026-11-30");
}

#[test]
fn damaged_entries_are_listed_with_raw_text_and_never_overwritten() {
    let (mut s, r) = stored_sample();
    let truncated = &s.raw(&r.id).unwrap().unwrap()[..500];
    s.kv.set(&draft_key("broken"), truncated).unwrap();
    s.kv.set(&draft_key("alien"), "{\"hello\":1}").unwrap();
    let list = s.list().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0].id, r.id);
    assert_eq!(list[0].state, EntryState::Ok);
    assert_eq!(list[0].meta.as_ref().unwrap().name, r.display_name());
    let damaged: Vec<&str> = list[1..].iter().map(|l| l.id.as_str()).collect();
    assert_eq!(damaged, ["alien", "broken"]);
    assert!(matches!(&list[2].state, EntryState::Damaged(m) if m.contains("损坏或不完整")));
    assert!(matches!(&list[1].state, EntryState::Damaged(m) if m.contains("不是本工具的草稿")));
    assert!(matches!(s.load("broken"), Err(LoadError::Damaged(_))));
    let mut same_id = r.clone();
    same_id.id = "broken".into();
    assert!(matches!(
        s.save(&same_id, meta(&r), &Stamp::none(), "a", "t"),
        Err(SaveError::Protected(_))
    ));
    assert_eq!(s.raw("broken").unwrap().unwrap(), truncated);
}

#[test]
fn a_newer_draft_opens_read_only_and_is_never_written() {
    let mut s = store();
    let text = r#"{"format":"selfeval-draft","schema":9,"revision":4,"saved_at":"t","report":{"id":"n","unit":{"name":"未来单位","year":2031}}}"#;
    s.kv.set(&draft_key("n"), text).unwrap();
    let l = s.load("n").unwrap();
    assert_eq!(l.report.unit.name, "未来单位");
    assert!(l.read_only.unwrap().contains("较新版本"));
    assert_eq!(s.list().unwrap()[0].state, EntryState::Newer(9));
    let err = s
        .save(&l.report, Meta::default(), &l.stamp, "a", "t2")
        .unwrap_err();
    assert!(matches!(err, SaveError::Protected(_)));
    assert_eq!(s.raw("n").unwrap().unwrap(), text);
}

#[test]
fn the_index_is_a_cache_that_rebuilds() {
    let (mut s, r) = stored_sample();
    s.kv.set(INDEX_KEY, "garbage").unwrap();
    let list = s.list().unwrap();
    assert_eq!(list[0].meta.as_ref().unwrap().name, r.display_name());
    assert_eq!(list[0].meta.as_ref().unwrap().revision, 1);
    assert!(s.usage().unwrap() > 1000);
}

#[test]
fn user_packs_are_stored_validated_and_replaced_by_id() {
    let mut s = store();
    let builtin = crate::model::pack::Pack::builtin_by_id("huangpu-2021").unwrap();
    let mut mine = builtin.copy_as("my-2026");
    s.put_pack(&mine).unwrap();
    mine.name = "本单位 2026".into();
    s.put_pack(&mine).unwrap();
    let packs = s.user_packs();
    assert_eq!(packs.len(), 1);
    assert_eq!(packs[0].name, "本单位 2026");
    // a pack whose weights no longer add up is refused, and nothing changes
    let mut bad = mine.clone();
    bad.indicators[0].weight += rust_decimal::Decimal::ONE;
    let err = s.put_pack(&bad).unwrap_err();
    assert!(err.to_string().contains("权重合计"), "{err}");
    let mut huge = mine.clone();
    huge.total = "99999999999999999999".parse().unwrap();
    assert!(s
        .put_pack(&huge)
        .unwrap_err()
        .to_string()
        .contains("数值过大"));
    assert_eq!(s.user_packs()[0].name, "本单位 2026");
    // round trip as a file
    assert_eq!(
        crate::model::pack::Pack::from_json(&mine.to_json()).unwrap(),
        mine
    );
    s.remove_pack("my-2026").unwrap();
    assert!(s.user_packs().is_empty());
}
