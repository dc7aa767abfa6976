//! Percentiles of a sample of durations.

/// p50, p95 and max of a sample (ms), and its size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub p50: f64,
    pub p95: f64,
    pub max: f64,
}

impl Summary {
    /// `None` for an empty sample. Non-finite values are dropped.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Summary> {
        let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        Some(Summary {
            n: v.len(),
            p50: percentile(&v, 50.0),
            p95: percentile(&v, 95.0),
            max: v[v.len() - 1],
        })
    }
}

/// The nearest-rank percentile of a sorted, non-empty slice: the smallest
/// value with at least `p` % of the sample at or below it.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    let rank = ((p / 100.0) * n as f64).ceil() as usize;
    sorted[rank.clamp(1, n) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 95.0), 95.0);
        assert_eq!(percentile(&[7.0], 95.0), 7.0);
        let s = Summary::of([3.0, 1.0, 2.0, f64::NAN]).unwrap();
        assert_eq!((s.n, s.p50, s.p95, s.max), (3, 2.0, 3.0, 3.0));
        assert_eq!(Summary::of([]), None);
    }
}
