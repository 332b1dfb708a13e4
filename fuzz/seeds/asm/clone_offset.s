; Lesson: cloning at an offset past the end fails, and nulls the clone.
;
; The packet dynptr views the whole packet (size = packet length). A clone
; at offset 1000 is out of range: bpf_dynptr_clone returns -ERANGE and
; the clone at fp-32 is null (Dynptrs panel: state null). A clone at the
; exact end is valid and has size 0.
.program test_dynptr_clone_offset tc

    r2 = 0
    r3 = r10
    r3 += -16
    call bpf_dynptr_from_skb

    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -32
    r3 = 1000
    call bpf_dynptr_clone       ; -ERANGE, clone null
    r6 = r0

    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size
    r3 = r0                     ; the full size
    r1 = r10
    r1 += -16
    r2 = r10
    r2 += -48
    call bpf_dynptr_clone       ; at the end: size 0

    r1 = r10
    r1 += -48
    call bpf_dynptr_get_size    ; 0
    r0 = r6
    exit
