//! How the editor is laid out: the indicator table as a grid or as cards, and whether the side
//! panel is folded (wide mode) so a wide table gets the page's width. Both are remembered.

use leptos::prelude::*;
use selfeval_core::model::field::Field;

use crate::web::prefs::{self, View};

/// Below this window width (CSS px) wide mode is the default while a grid is shown, until the
/// user chooses: the office screens (1366 and 1280 wide, or 1093 at 125% zoom), where the grid
/// beside the side panel would show half its columns. From 1440 up the preview stays beside the
/// form, and 宽屏 is one click (remembered).
const FITS_BESIDE: f64 = 1400.0;

/// More indicators than this open as a grid, until the user chooses (the cards stay one click
/// away, and the choice is kept in this browser).
const GRID_FROM: usize = 6;

#[derive(Clone, Copy)]
pub struct Layout {
    /// The indicator table as a grid.
    pub indicators_grid: RwSignal<bool>,
    /// What the user chose for the side panel (`None`: not yet, then it follows the grid).
    folded: RwSignal<Option<bool>>,
    narrow: bool,
    /// The field a finding or a comment asks to be shown: a long grid draws only the rows in
    /// its box (`Grid`), so it first scrolls to this field's row.
    pub jump: RwSignal<Option<Field>>,
}

impl Layout {
    pub fn new(indicators: usize) -> Self {
        let grid = prefs::INDICATORS_AS_GRID
            .get()
            .map_or(indicators > GRID_FROM, |v| v == View::Grid);
        let width = window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .unwrap_or(FITS_BESIDE);
        Layout {
            indicators_grid: RwSignal::new(grid),
            folded: RwSignal::new(prefs::SIDE_FOLDED.get()),
            narrow: width < FITS_BESIDE,
            jump: RwSignal::new(None),
        }
    }

    /// Whether the side panel is folded: as chosen, else when a grid is shown on a screen too
    /// narrow for both.
    pub fn wide(&self) -> bool {
        self.folded
            .get()
            .unwrap_or(self.narrow && self.indicators_grid.get())
    }

    pub fn set_wide(&self, wide: bool) {
        self.folded.set(Some(wide));
        prefs::SIDE_FOLDED.set(&wide);
    }

    pub fn show_grid(&self, grid: bool) {
        self.indicators_grid.set(grid);
        prefs::INDICATORS_AS_GRID.set(if grid { &View::Grid } else { &View::Cards });
    }
}
