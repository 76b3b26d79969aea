//! The sort behind `list.sort` and `sorted()`: CPython 3.11's timsort (natural runs,
//! binary insertion up to `minrun`, powersort's merge order, galloping merges), so user
//! `__lt__` methods see the same comparisons. It moves a permutation of indices, and
//! a failed comparison leaves the items a permutation of themselves, as CPython's does.

use refpy_compiler::CompareOp;
use refpy_heap::ObjRef;

use crate::errors::PyResult;
use crate::Vm;

/// Below this many items timsort is one binary insertion sort (`MAX_MINRUN`).
const MAX_MINRUN: usize = 64;

/// Wins in a row after which a merge switches to galloping (`MIN_GALLOP`).
const MIN_GALLOP: usize = 7;

/// Sorts `items` in place with Python's `<` on `key(item)`, stably, as `list_sort_impl`
/// does: all keys first (a raising key leaves `items` untouched), then the comparisons;
/// when a comparison raises, `items` keep the partially sorted order reached so far.
pub(crate) fn sort_in_place(
    vm: &mut Vm,
    items: &mut [ObjRef],
    key: Option<&ObjRef>,
    reverse: bool,
) -> PyResult<()> {
    let keys = match key {
        Some(f) => items
            .iter()
            .map(|item| vm.call(f, std::slice::from_ref(item), None))
            .collect::<PyResult<Vec<_>>>()?,
        None => items.to_vec(),
    };
    let n = items.len();
    // Reverse sorting stays stable: reverse, sort forwards, reverse back.
    let mut order: Vec<usize> = if reverse { (0..n).rev().collect() } else { (0..n).collect() };
    let mut sorter = Sorter { lt: Less { vm, keys: &keys }, order: &mut order, min_gallop: MIN_GALLOP };
    let result = sorter.timsort();
    if reverse {
        order.reverse();
    }
    let sorted: Vec<ObjRef> = order.iter().map(|&i| items[i].clone()).collect();
    for (slot, v) in items.iter_mut().zip(sorted) {
        *slot = v;
    }
    result
}

/// `merge_compute_minrun`: the run length that makes the number of runs a power of two
/// or a little less.
fn min_run(mut n: usize) -> usize {
    let mut r = 0;
    while n >= MAX_MINRUN {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// `powerloop`: the powersort "power" of the boundary between the run of `n1` items at
/// `s1` and the `n2` items after it, in a list of `n`: the first binary digit where
/// the two runs' midpoints, as fractions of `n`, differ.
fn power(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let (mut a, mut b) = (2 * s1 + n1, 2 * s1 + 2 * n1 + n2);
    let mut result = 0;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            return result;
        }
        a <<= 1;
        b <<= 1;
    }
}

/// The comparison of a sort: `keys[a] < keys[b]`, which may raise.
struct Less<'a> {
    vm: &'a mut Vm,
    keys: &'a [ObjRef],
}

impl Less<'_> {
    fn lt(&mut self, a: usize, b: usize) -> PyResult<bool> {
        self.vm.compare_bool(&self.keys[a], &self.keys[b], CompareOp::Lt)
    }

    /// `gallop_left`: where `key` goes in the sorted `a`, left of any equal items,
    /// searched outwards from `hint`.
    fn gallop_left(&mut self, key: usize, a: &[usize], hint: usize) -> PyResult<usize> {
        let n = a.len();
        let (mut lastofs, mut ofs) = (0, 1);
        let (lo, hi) = if self.lt(a[hint], key)? {
            let maxofs = n - hint;
            while ofs < maxofs && self.lt(a[hint + ofs], key)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            (hint + lastofs + 1, hint + ofs.min(maxofs))
        } else {
            let maxofs = hint + 1;
            while ofs < maxofs && !self.lt(a[hint - ofs], key)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            // a[hint - ofs] < key <= a[hint - lastofs]; hint - ofs may be -1.
            (hint + 1 - ofs.min(maxofs), hint - lastofs)
        };
        self.bisect(lo, hi, |me, m| me.lt(a[m], key))
    }

    /// `gallop_right`: where `key` goes in the sorted `a`, right of any equal items.
    fn gallop_right(&mut self, key: usize, a: &[usize], hint: usize) -> PyResult<usize> {
        let n = a.len();
        let (mut lastofs, mut ofs) = (0, 1);
        let (lo, hi) = if self.lt(key, a[hint])? {
            let maxofs = hint + 1;
            while ofs < maxofs && self.lt(key, a[hint - ofs])? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            (hint + 1 - ofs.min(maxofs), hint - lastofs)
        } else {
            let maxofs = n - hint;
            while ofs < maxofs && !self.lt(key, a[hint + ofs])? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            (hint + lastofs + 1, hint + ofs.min(maxofs))
        };
        self.bisect(lo, hi, |me, m| Ok(!me.lt(key, a[m])?))
    }

    /// The first index in `lo..hi` where `before(m)` is false, by bisection.
    fn bisect(
        &mut self,
        mut lo: usize,
        mut hi: usize,
        mut before: impl FnMut(&mut Self, usize) -> PyResult<bool>,
    ) -> PyResult<usize> {
        while lo < hi {
            let m = lo + ((hi - lo) >> 1);
            if before(self, m)? {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        Ok(hi)
    }
}

/// A pending run: where it starts, its length, and its boundary power with the next.
#[derive(Clone, Copy)]
struct Run {
    base: usize,
    len: usize,
    power: u32,
}

/// One sort in progress: `order` is a permutation of indices into the keys.
struct Sorter<'a> {
    lt: Less<'a>,
    order: &'a mut [usize],
    min_gallop: usize,
}

impl Sorter<'_> {
    /// Finds natural runs, extends short ones to `minrun` and merges them off a stack.
    fn timsort(&mut self) -> PyResult<()> {
        let n = self.order.len();
        if n < 2 {
            return Ok(());
        }
        let minrun = min_run(n);
        let mut runs: Vec<Run> = Vec::new();
        let mut lo = 0;
        while lo < n {
            let (mut len, descending) = self.count_run(lo, n)?;
            if descending {
                self.order[lo..lo + len].reverse();
            }
            if len < minrun {
                let force = minrun.min(n - lo);
                self.binary_sort(lo, lo + force, lo + len)?;
                len = force;
            }
            self.found_new_run(&mut runs, len)?;
            runs.push(Run { base: lo, len, power: 0 });
            lo += len;
        }
        self.merge_force_collapse(&mut runs)
    }

    /// `count_run`: the length of the run starting at `lo`, and whether it strictly
    /// descends.
    fn count_run(&mut self, lo: usize, hi: usize) -> PyResult<(usize, bool)> {
        if lo + 1 == hi {
            return Ok((1, false));
        }
        let descending = self.lt.lt(self.order[lo + 1], self.order[lo])?;
        let mut n = 2;
        while lo + n < hi && self.lt.lt(self.order[lo + n], self.order[lo + n - 1])? == descending {
            n += 1;
        }
        Ok((n, descending))
    }

    /// `binarysort`: `lo..start` is sorted; inserts each of `start..hi` after its equals.
    fn binary_sort(&mut self, lo: usize, hi: usize, start: usize) -> PyResult<()> {
        for s in start..hi {
            let pivot = self.order[s];
            let l = self.lt.bisect(lo, s, |me, p| Ok(!me.lt(pivot, self.order[p])?))?;
            self.order.copy_within(l..s, l + 1);
            self.order[l] = pivot;
        }
        Ok(())
    }

    /// `found_new_run`: before pushing a run of `n2` items, merges the pending runs
    /// whose boundary power exceeds the new boundary's.
    fn found_new_run(&mut self, runs: &mut Vec<Run>, n2: usize) -> PyResult<()> {
        let Some(last) = runs.last().copied() else { return Ok(()) };
        let p = power(last.base, last.len, n2, self.order.len());
        while runs.len() > 1 && runs[runs.len() - 2].power > p {
            self.merge_at(runs, runs.len() - 2)?;
        }
        if let Some(last) = runs.last_mut() {
            last.power = p;
        }
        Ok(())
    }

    /// `merge_force_collapse`: merges the stack down to one run.
    fn merge_force_collapse(&mut self, runs: &mut Vec<Run>) -> PyResult<()> {
        while runs.len() > 1 {
            let mut n = runs.len() - 2;
            if n > 0 && runs[n - 1].len < runs[n + 1].len {
                n -= 1;
            }
            self.merge_at(runs, n)?;
        }
        Ok(())
    }

    /// `merge_at`: merges stack runs `i` and `i + 1`, skipping the items of each that
    /// are already in place.
    fn merge_at(&mut self, runs: &mut Vec<Run>, i: usize) -> PyResult<()> {
        let (Run { base: pa, len: na, .. }, Run { base: pb, len: nb, .. }) = (runs[i], runs[i + 1]);
        runs[i].len = na + nb;
        runs.remove(i + 1);
        let k = self.lt.gallop_right(self.order[pb], &self.order[pa..pa + na], 0)?;
        let (pa, na) = (pa + k, na - k);
        if na == 0 {
            return Ok(());
        }
        let nb = self.lt.gallop_left(self.order[pa + na - 1], &self.order[pb..pb + nb], nb - 1)?;
        if nb == 0 {
            return Ok(());
        }
        if na <= nb {
            self.merge_lo(pa, na, nb)
        } else {
            self.merge_hi(pa, na, nb)
        }
    }

    /// `merge_lo`: merges `na` items at `pa` with the `nb` after them, front to back,
    /// through a copy of the first run (the shorter). Every way out, an error included,
    /// puts what is left of the copy back.
    fn merge_lo(&mut self, pa: usize, na: usize, nb: usize) -> PyResult<()> {
        let tmp = self.order[pa..pa + na].to_vec();
        let mut m = MergeLo { dest: pa, a: 0, b: pa + na, end: pa + na + nb };
        let result = self.merge_lo_steps(&tmp, &mut m);
        let rest = &tmp[m.a..];
        if m.b < m.end && rest.len() == 1 {
            // CopyB: the last item of the first run goes after all the second's.
            self.order.copy_within(m.b..m.end, m.dest);
            self.order[m.dest + m.end - m.b] = rest[0];
        } else {
            self.order[m.dest..m.dest + rest.len()].copy_from_slice(rest);
        }
        result
    }

    /// The body of `merge_lo`: one item at a time, galloping after `min_gallop` wins.
    fn merge_lo_steps(&mut self, tmp: &[usize], m: &mut MergeLo) -> PyResult<()> {
        m.take_b(self.order, 1);
        let na = |m: &MergeLo| tmp.len() - m.a;
        if m.b == m.end || na(m) == 1 {
            return Ok(());
        }
        loop {
            let (mut acount, mut bcount) = (0, 0);
            loop {
                if self.lt.lt(self.order[m.b], tmp[m.a])? {
                    m.take_b(self.order, 1);
                    if m.b == m.end {
                        return Ok(());
                    }
                    (acount, bcount) = (0, bcount + 1);
                    if bcount >= self.min_gallop {
                        break;
                    }
                } else {
                    m.take_a(self.order, tmp, 1);
                    if na(m) == 1 {
                        return Ok(());
                    }
                    (acount, bcount) = (acount + 1, 0);
                    if acount >= self.min_gallop {
                        break;
                    }
                }
            }
            self.min_gallop += 1;
            loop {
                self.min_gallop -= usize::from(self.min_gallop > 1);
                let k = self.lt.gallop_right(self.order[m.b], &tmp[m.a..], 0)?;
                acount = k;
                if k > 0 {
                    m.take_a(self.order, tmp, k);
                    if na(m) <= 1 {
                        return Ok(());
                    }
                }
                m.take_b(self.order, 1);
                if m.b == m.end {
                    return Ok(());
                }
                let k = self.lt.gallop_left(tmp[m.a], &self.order[m.b..m.end], 0)?;
                bcount = k;
                if k > 0 {
                    m.take_b(self.order, k);
                    if m.b == m.end {
                        return Ok(());
                    }
                }
                m.take_a(self.order, tmp, 1);
                if na(m) == 1 {
                    return Ok(());
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            self.min_gallop += 1;
        }
    }

    /// `merge_hi`: merges `na` items at `pa` with the `nb` after them, back to front,
    /// through a copy of the second run (the shorter).
    fn merge_hi(&mut self, pa: usize, na: usize, nb: usize) -> PyResult<()> {
        let pb = pa + na;
        let tmp = self.order[pb..pb + nb].to_vec();
        let mut m = MergeHi { dest: pb + nb, a: pb, start: pa, b: nb };
        let result = self.merge_hi_steps(&tmp, &mut m);
        if m.a > m.start && m.b == 1 {
            // CopyA: the first item of the second run goes before all the first's.
            let n = m.a - m.start;
            self.order.copy_within(m.start..m.a, m.dest - n);
            self.order[m.dest - n - 1] = tmp[0];
        } else {
            self.order[m.dest - m.b..m.dest].copy_from_slice(&tmp[..m.b]);
        }
        result
    }

    /// The body of `merge_hi`, from the back.
    fn merge_hi_steps(&mut self, tmp: &[usize], m: &mut MergeHi) -> PyResult<()> {
        m.take_a(self.order, 1);
        if m.a == m.start || m.b == 1 {
            return Ok(());
        }
        loop {
            let (mut acount, mut bcount) = (0, 0);
            loop {
                if self.lt.lt(tmp[m.b - 1], self.order[m.a - 1])? {
                    m.take_a(self.order, 1);
                    if m.a == m.start {
                        return Ok(());
                    }
                    (acount, bcount) = (acount + 1, 0);
                    if acount >= self.min_gallop {
                        break;
                    }
                } else {
                    m.take_b(self.order, tmp, 1);
                    if m.b == 1 {
                        return Ok(());
                    }
                    (acount, bcount) = (0, bcount + 1);
                    if bcount >= self.min_gallop {
                        break;
                    }
                }
            }
            self.min_gallop += 1;
            loop {
                self.min_gallop -= usize::from(self.min_gallop > 1);
                let na = m.a - m.start;
                let k = na - self.lt.gallop_right(tmp[m.b - 1], &self.order[m.start..m.a], na - 1)?;
                acount = k;
                if k > 0 {
                    m.take_a(self.order, k);
                    if m.a == m.start {
                        return Ok(());
                    }
                }
                m.take_b(self.order, tmp, 1);
                if m.b == 1 {
                    return Ok(());
                }
                let k = m.b - self.lt.gallop_left(self.order[m.a - 1], &tmp[..m.b], m.b - 1)?;
                bcount = k;
                if k > 0 {
                    m.take_b(self.order, tmp, k);
                    if m.b <= 1 {
                        return Ok(());
                    }
                }
                m.take_a(self.order, 1);
                if m.a == m.start {
                    return Ok(());
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            self.min_gallop += 1;
        }
    }
}

/// Positions of a front-to-back merge: the next slot to fill, the next item of the
/// copied first run, and the rest of the second run `b..end`.
struct MergeLo {
    dest: usize,
    a: usize,
    b: usize,
    end: usize,
}

impl MergeLo {
    fn take_a(&mut self, order: &mut [usize], tmp: &[usize], k: usize) {
        order[self.dest..self.dest + k].copy_from_slice(&tmp[self.a..self.a + k]);
        (self.dest, self.a) = (self.dest + k, self.a + k);
    }

    fn take_b(&mut self, order: &mut [usize], k: usize) {
        order.copy_within(self.b..self.b + k, self.dest);
        (self.dest, self.b) = (self.dest + k, self.b + k);
    }
}

/// Positions of a back-to-front merge: the end of the slots still to fill, the end of
/// the first run's rest `start..a`, and how many items of the copied second run remain.
struct MergeHi {
    dest: usize,
    a: usize,
    start: usize,
    b: usize,
}

impl MergeHi {
    fn take_a(&mut self, order: &mut [usize], k: usize) {
        order.copy_within(self.a - k..self.a, self.dest - k);
        (self.dest, self.a) = (self.dest - k, self.a - k);
    }

    fn take_b(&mut self, order: &mut [usize], tmp: &[usize], k: usize) {
        order[self.dest - k..self.dest].copy_from_slice(&tmp[self.b - k..self.b]);
        (self.dest, self.b) = (self.dest - k, self.b - k);
    }
}
