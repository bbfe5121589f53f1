//! "Today". Pinned by `--today`; otherwise the local date, read in this one place.

/// The local calendar date.
pub fn today() -> chrono::NaiveDate {
    #[expect(
        clippy::disallowed_methods,
        reason = "the one place that reads the clock"
    )]
    chrono::Local::now().date_naive()
}
