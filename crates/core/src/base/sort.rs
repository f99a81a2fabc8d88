//! One stable sort for the whole app.
//!
//! The standard library's stable sort is compiled again for each element type and comparison
//! (some 3.5 KB of wasm each, a dozen in the app). Here the sorting itself is written once,
//! over indexes with a comparison behind a `dyn`; what is generic is only the few lines that
//! put the items in that order. The lists sorted are short (drafts, versions, findings, 汇总
//! rows), so the indirection costs nothing a user could notice.

use std::cmp::Ordering;

/// Sort `items` by `cmp`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = {
        let items = &*items;
        stable_order(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    // item `order[k]` goes to `k`: follow each cycle of the permutation once
    for k in 0..order.len() {
        let mut from = order[k];
        while from < k {
            from = order[from];
        }
        items.swap(k, from);
    }
}

/// Sort `items` by `key`, keeping items with equal keys in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)))
}

/// The stable order of `n` items under `cmp`: a bottom-up merge sort of their indexes.
fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                // the left one first when equal: stable
                if cmp(a[j], a[i]) == Ordering::Less {
                    b[k] = a[j];
                    j += 1;
                } else {
                    b[k] = a[i];
                    i += 1;
                }
                k += 1;
            }
            b[k..k + mid - i].copy_from_slice(&a[i..mid]);
            k += mid - i;
            b[k..k + hi - j].copy_from_slice(&a[j..hi]);
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        // (the comparison written out on purpose: it is what `sort_by` takes)
        #[allow(clippy::unnecessary_sort_by)]
        #[test]
        fn sorts_as_the_standard_stable_sort(keys in proptest::collection::vec(0u8..8, 0..200)) {
            // (key, original place): stability shows in the second member
            let mut ours: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std_sorted = ours.clone();
            super::sort_by_key(&mut ours, |p| p.0);
            std_sorted.sort_by_key(|p| p.0);
            prop_assert_eq!(&ours, &std_sorted);
            super::sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            std_sorted.sort_by(|a, b| b.0.cmp(&a.0));
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
