//! The progress of a Verify running in the worker: the instructions the
//! verifier has processed, of the complexity limit. Each meter listens to
//! the worker itself ([`crate::worker::watch`]), so a progress message
//! redraws the meters, not the page.

use yew::prelude::*;

use crate::present;
use crate::worker;

/// Meter properties.
#[derive(Properties, PartialEq)]
pub struct MeterProps {
    /// The job (`worker::Job::id`).
    pub job: u64,
    /// The complexity limit.
    pub limit: u64,
    /// The verifier panel's form (the verdict line and a wide bar) instead
    /// of the toolbar's.
    #[prop_or_default]
    pub panel: bool,
}

/// A running Verify's progress.
#[function_component(VerifyMeter)]
pub fn verify_meter(p: &MeterProps) -> Html {
    let n = use_state(|| worker::progress_of(p.job));
    {
        let n = n.clone();
        use_effect_with(p.job, move |&job| {
            n.set(worker::progress_of(job));
            let k = worker::watch(Callback::from(move |(j, v): (u64, u64)| {
                if j == job {
                    n.set(v);
                }
            }));
            move || worker::unwatch(k)
        });
    }
    let limit = p.limit.max(1);
    let pct = (*n as f64 * 100.0 / limit as f64).min(100.0);
    let of_limit = format!(
        "{} of the {} instructions the verifier may process (the complexity limit)",
        present::thousands(*n),
        present::thousands(limit)
    );
    if p.panel {
        html! {
            <>
                <div class="verdict running" data-testid="verdict">
                    { format!("verifying… {} instructions processed (limit {})", present::thousands(*n), present::thousands(limit)) }
                </div>
                <span class="vp-bar" role="progressbar" aria-label="Instructions processed, of the complexity limit" aria-valuemin="0" aria-valuemax={limit.to_string()} aria-valuenow={n.to_string()}>
                    <span class="vp-fill" style={format!("width: {pct:.1}%")}></span>
                </span>
                <p class="vp-note">{ "The verifier runs beside the page: everything else keeps working. Cancel stops it; an edit does too." }</p>
            </>
        }
    } else {
        // The toolbar's Verify button, busy: the count, and a line along its
        // bottom edge filling up to the limit.
        html! {
            <button class="button primary busy" data-testid="verify" disabled=true title={of_limit}>
                <span class="spinner" aria-hidden="true"></span>
                <span data-testid="verify-progress" data-processed={n.to_string()} data-limit={limit.to_string()}>
                    { format!("Verifying… {}", short(*n)) }
                </span>
                <span class="vp-line" style={format!("width: {pct:.1}%")}></span>
            </button>
        }
    }
}

/// `212k`, `1.2M`: a count of instructions that fits a button.
fn short(n: u64) -> String {
    match n {
        0..=999 => n.to_string(),
        1_000..=999_999 => format!("{}k", n / 1000),
        _ => format!("{:.1}M", n as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn counts_fit_a_button() {
        assert_eq!(short(0), "0");
        assert_eq!(short(212_992), "212k");
        assert_eq!(short(1_000_001), "1.0M");
    }
}
