//! Review inside the file: comments on any part or field, and the draft's status
//! (起草中 → 待审核 → 已定稿). Both travel in the draft file and never appear in the report.

use crate::base::json::members::{deserialize_members, deserialize_names};
use serde::Serialize;

/// Where a draft is in its review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 起草中: anyone edits.
    #[default]
    Drafting,
    /// 待审核: handed to a reviewer; still editable.
    Review,
    /// 已定稿: read-only until someone reopens it, deliberately.
    Final,
}

deserialize_names!(Status { Drafting = "drafting", Review = "review", Final = "final" });

impl Status {
    pub const ALL: [Status; 3] = [Status::Drafting, Status::Review, Status::Final];

    pub fn label(self) -> &'static str {
        match self {
            Status::Drafting => "起草中",
            Status::Review => "待审核",
            Status::Final => "已定稿",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::Drafting => "drafting",
            Status::Review => "review",
            Status::Final => "final",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Who set a status, and when.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct StatusChange {
    pub status: Status,
    pub by: String,
    pub at: String,
}

deserialize_members!(StatusChange { status, by, at });

/// A comment on a field (its path, e.g. `indicators.ind-3.reason`) or a part (`budget`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Comment {
    pub id: String,
    /// The field or part it is about, as a path.
    pub on: String,
    pub author: String,
    pub at: String,
    pub text: String,
    pub resolved: bool,
}

deserialize_members!(Comment {
    id,
    on,
    author,
    at,
    text,
    resolved
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::session::Editing;
    use crate::edit::Edit;
    use crate::file::draft::{from_json, to_json};
    use crate::model::field::{Field, UnitField};
    use crate::report::document::document;
    use crate::store::{Loaded, Stamp};
    use crate::{evaluate, sample, Pack};

    fn editing(r: &crate::Report) -> Editing {
        Editing::new(
            &Loaded {
                report: r.clone(),
                stamp: Stamp {
                    revision: 1,
                    writer: "w".into(),
                },
                saved_at: String::new(),
                read_only: None,
            },
            "tab",
        )
    }

    fn comment(on: &str, text: &str) -> Edit {
        Edit::Comment {
            on: on.into(),
            text: text.into(),
            author: "李审核".into(),
            at: "2026-12-01 10:00:00".into(),
        }
    }

    #[test]
    fn comments_travel_in_the_file_and_never_reach_the_report() {
        let mut r = sample();
        let mut e = editing(&r);
        let id = e
            .apply(
                &mut r,
                &comment("indicators.ind-3.reason", "偏差原因请写具体"),
                0.0,
            )
            .unwrap()
            .unwrap();
        e.apply(&mut r, &comment("budget", "预算表请复核"), 10.0)
            .unwrap();
        e.apply(
            &mut r,
            &Edit::Resolve {
                id: id.clone(),
                resolved: true,
            },
            20.0,
        )
        .unwrap();
        assert!(e.apply(&mut r, &comment("budget", "   "), 30.0).is_err());
        let back = from_json(&to_json(&r)).unwrap();
        assert_eq!(back.comments, r.comments);
        assert!(back.comments[0].resolved && !back.comments[1].resolved);
        assert_eq!(back.comments[0].author, "李审核");
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        let doc = format!("{:?}", document(&r, &evaluate(&r, &pack)));
        assert!(!doc.contains("偏差原因请写具体") && !doc.contains("预算表请复核"));
    }

    #[test]
    fn a_final_draft_refuses_edits_until_reopened_on_purpose() {
        let mut r = sample();
        let mut e = editing(&r);
        let set = |s: Status| Edit::SetStatus {
            status: s,
            by: "王科长".into(),
            at: "2026-12-01 11:00:00".into(),
        };
        e.apply(&mut r, &set(Status::Review), 0.0).unwrap();
        e.apply(&mut r, &set(Status::Final), 10.0).unwrap();
        let typed = Edit::Set {
            field: Field::Unit(UnitField::Contact),
            value: "改不了".into(),
        };
        let err = e.apply(&mut r, &typed, 20.0).unwrap_err();
        assert!(err.0.contains("已定稿"));
        assert!(e.apply(&mut r, &comment("budget", "x"), 30.0).is_err());
        e.apply(&mut r, &set(Status::Drafting), 40.0).unwrap();
        e.apply(&mut r, &typed, 50.0).unwrap();
        assert_eq!(r.unit.contact, "改不了");
        let log: Vec<(Status, &str)> = r
            .status_log
            .iter()
            .map(|c| (c.status, c.by.as_str()))
            .collect();
        assert_eq!(
            log,
            [
                (Status::Review, "王科长"),
                (Status::Final, "王科长"),
                (Status::Drafting, "王科长")
            ]
        );
        let back = from_json(&to_json(&r)).unwrap();
        assert_eq!(back.status_log, r.status_log);
    }
}
