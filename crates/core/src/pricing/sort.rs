//! One stable sort for the pricing engine's few orderings (offers, lines, units, rounding
//! remainders). `slice::sort_by` is instantiated, in full, once per element type and
//! comparison, and the engine runs in the browser too, whose bundle is size-bound (ARCHITECTURE.md:
//! ≤ 200 KB brotli): here the standard library's stable sort is instantiated once, on
//! positions, and each ordering only says how two elements compare. The result is exactly
//! `items.sort_by(cmp)`'s.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`, as `items.sort_by(cmp)` does.
pub(crate) fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| taken[i].take()));
}

/// The positions `0..len` sorted stably by `cmp` (not generic: one copy of the sort).
fn sorted_positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_library_does() {
        let original: Vec<(i64, usize)> = (0..200)
            .map(|i: usize| (((i * 7919) % 13) as i64, i % 5))
            .collect();
        // Compares the first field only, so equal keys show whether the sort is stable.
        let mut ours = original.clone();
        sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
        let mut std = original.clone();
        std.sort_by_key(|x| std::cmp::Reverse(x.0));
        assert_eq!(ours, std);

        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }
}
