//! Abstract interpretation as the kernel's verifier does it.
