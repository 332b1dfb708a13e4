//! The format language of `bpf_trace_printk`, checked as
//! `bpf_bprintf_prepare` checks it (a NUL inside `fmt_size`, printable
//! ASCII, at most three arguments, the kernel's conversions) and printed as
//! `bstr_printf` would.

use super::Vm;

const EINVAL: i64 = -22;
const MAX_ARGS: usize = 3;

/// Formats `fmt` (the bytes the program passed) with `args`.
pub(crate) fn format(vm: &Vm, fmt: &[u8], args: &[u64; 3]) -> Result<String, i64> {
    let end = fmt.iter().position(|b| *b == 0).ok_or(EINVAL)?;
    let fmt = &fmt[..end];
    let mut out = String::new();
    let mut next_arg = 0usize;
    let mut i = 0usize;
    while i < fmt.len() {
        let c = fmt[i];
        if !(c.is_ascii_graphic() || c.is_ascii_whitespace()) {
            return Err(EINVAL);
        }
        if c != b'%' {
            out.push(c as char);
            i += 1;
            continue;
        }
        i += 1;
        if fmt.get(i) == Some(&b'%') {
            out.push('%');
            i += 1;
            continue;
        }
        if next_arg >= MAX_ARGS {
            return Err(EINVAL);
        }
        let mut left = false;
        let mut zero = false;
        let mut plus = false;
        let mut space = false;
        while let Some(f) = fmt
            .get(i)
            .copied()
            .filter(|f| matches!(f, b'0' | b'+' | b'-' | b' '))
        {
            match f {
                b'0' => zero = true,
                b'+' => plus = true,
                b'-' => left = true,
                _ => space = true,
            }
            i += 1;
        }
        let mut width = 0usize;
        while let Some(d) = fmt.get(i).copied().filter(u8::is_ascii_digit) {
            width = width
                .saturating_mul(10)
                .saturating_add((d - b'0') as usize)
                .min(64);
            i += 1;
        }
        let arg = args[next_arg];
        next_arg += 1;
        let body = match fmt.get(i).copied() {
            Some(b'p') => {
                i += 1;
                // %px prints the raw value, %pK/%p a (here: unhashed) pointer.
                if matches!(fmt.get(i), Some(b'x' | b'K')) {
                    i += 1;
                }
                format!("{arg:#x}")
            }
            Some(b'c') => {
                i += 1;
                ((arg as u8) as char).to_string()
            }
            Some(b's') => {
                i += 1;
                read_str(vm, arg)
            }
            _ => {
                let mut long = 0;
                while fmt.get(i) == Some(&b'l') && long < 2 {
                    long += 1;
                    i += 1;
                }
                let conv = fmt.get(i).copied().ok_or(EINVAL)?;
                i += 1;
                let v = if long == 0 { arg as u32 as u64 } else { arg };
                let sv = if long == 0 {
                    arg as u32 as i32 as i64
                } else {
                    arg as i64
                };
                match conv {
                    b'd' | b'i' => {
                        let sign = if sv < 0 {
                            "-"
                        } else if plus {
                            "+"
                        } else if space {
                            " "
                        } else {
                            ""
                        };
                        format!("{sign}{}", sv.unsigned_abs())
                    }
                    b'u' => v.to_string(),
                    b'x' => format!("{v:x}"),
                    b'X' => format!("{v:X}"),
                    _ => return Err(EINVAL),
                }
            }
        };
        pad(&mut out, &body, width, left, zero);
    }
    Ok(out)
}

fn pad(out: &mut String, body: &str, width: usize, left: bool, zero: bool) {
    let fill = width.saturating_sub(body.len());
    if left {
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if zero {
        let (sign, digits) = match body.strip_prefix('-') {
            Some(d) => ("-", d),
            None => ("", body),
        };
        out.push_str(sign);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(digits);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(body);
    }
}

/// A NUL-terminated string the program points at (at most 128 bytes); an
/// unreadable one prints as the empty string, as the kernel does.
fn read_str(vm: &Vm, p: u64) -> String {
    let mut s = String::new();
    for i in 0..128u64 {
        match vm.read_bytes(p.wrapping_add(i), 1) {
            Ok(b) if b[0] != 0 => s.push(b[0] as char),
            _ => break,
        }
    }
    s
}
