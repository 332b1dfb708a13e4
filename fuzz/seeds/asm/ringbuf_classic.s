; Lesson: the ring buffer without dynptrs, for comparison.
;
; bpf_ringbuf_reserve returns a pointer (or NULL) to a fixed-size record
; whose size the verifier must know; bpf_ringbuf_output copies a buffer in
; one call. Three records: one submitted, one discarded, one output. The
; Ring buffer panel shows each header (busy/discard bits, length) and what
; the consumer gets: only the submitted ones, in order.
; bpf_ringbuf_query(rb, 0) reports the bytes waiting for the consumer.
.program ringbuf_classic syscall
.map rb ringbuf max_entries=4096

    r1 = rb ll
    r2 = 16
    r3 = 0
    call bpf_ringbuf_reserve
    if r0 == 0 goto fail
    r1 = 0x6f6c6c6568 ll        ; "hello"
    *(u64 *)(r0 + 0) = r1
    r1 = r0
    r2 = 0
    call bpf_ringbuf_submit

    r1 = rb ll
    r2 = 8
    r3 = 0
    call bpf_ringbuf_reserve
    if r0 == 0 goto fail
    r1 = r0
    r2 = 0
    call bpf_ringbuf_discard    ; the consumer skips it

    r1 = 0x21646c726f77 ll      ; "world!"
    *(u64 *)(r10 - 8) = r1
    r1 = rb ll
    r2 = r10
    r2 += -8
    r3 = 8
    r4 = 0
    call bpf_ringbuf_output

    r1 = rb ll
    r2 = 0                      ; BPF_RB_AVAIL_DATA
    call bpf_ringbuf_query
    exit

fail:
    r0 = -1
    exit
