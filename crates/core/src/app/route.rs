//! Where the user is, as the URL hash says: the drafts list (`#/`), or a draft and the part of
//! it in view (`#/d/<id>`, `#/d/<id>/<part>`), so a reload returns to the same place.

use crate::model::field::Part;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Draft {
        id: String,
        part: Option<Part>,
    },
    /// The finance office's summary of many files (`#/batch`).
    Batch,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = h.splitn(3, '/');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("d"), Some(id), part) if !id.is_empty() => Route::Draft {
                id: id.to_string(),
                part: part.filter(|p| !p.is_empty()).map(Part::from_slug),
            },
            (Some("batch"), _, _) => Route::Batch,
            _ => Route::Home,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Batch => "#/batch".into(),
            Route::Draft { id, part: None } => format!("#/d/{id}"),
            Route::Draft { id, part: Some(p) } => format!("#/d/{id}/{p}"),
        }
    }

    /// Whether going from `self` to `next` closes the open draft.
    pub fn leaves_draft(&self, next: &Route) -> bool {
        match (self, next) {
            (Route::Draft { id, .. }, Route::Draft { id: other, .. }) => id != other,
            (Route::Draft { .. }, Route::Home | Route::Batch) => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_through_the_hash() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
        assert_eq!(Route::parse("#/d/"), Route::Home);
        assert_eq!(Route::parse("#/batch"), Route::Batch);
        assert_eq!(Route::Batch.href(), "#/batch");
        assert_eq!(
            Route::parse("#/d/abc/budget"),
            Route::Draft {
                id: "abc".into(),
                part: Some(Part::Budget)
            }
        );
        assert_eq!(
            Route::parse("#/d/abc"),
            Route::Draft {
                id: "abc".into(),
                part: None
            }
        );
        let r = Route::Draft {
            id: "x1".into(),
            part: Some(Part::Section("sec-4".into())),
        };
        assert_eq!(r.href(), "#/d/x1/sec-4");
        assert_eq!(Route::parse(&r.href()), r);
    }

    #[test]
    fn leaving_a_draft() {
        let a = Route::parse("#/d/a/info");
        assert!(!a.leaves_draft(&Route::parse("#/d/a/budget")));
        assert!(a.leaves_draft(&Route::parse("#/d/b")));
        assert!(a.leaves_draft(&Route::Home));
        assert!(!Route::Home.leaves_draft(&a));
    }
}
