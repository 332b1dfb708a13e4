; Lesson: a ring buffer record seen through a dynptr, then narrowed.
;
; bpf_ringbuf_reserve_dynptr reserves 64 bytes and makes the dynptr at
; fp-16 a window over the record (kind ringbuf, ref 1: it must be
; submitted or discarded before exit). bpf_dynptr_advance(&ptr, 10) moves
; the window's start: step over it and watch the Dynptrs panel go from
; offset 0, size 64 to offset 10, size 54. The Ring buffer panel shows the
; record busy until the submit, then submitted.
.program ringbuf_advance syscall
.map rb ringbuf max_entries=4096

    r1 = rb ll                  ; the ring buffer map
    r2 = 64                     ; record size
    r3 = 0                      ; flags
    r4 = r10
    r4 += -16                   ; &ptr: a 16-byte struct bpf_dynptr at fp-16
    call bpf_ringbuf_reserve_dynptr

    r1 = r10
    r1 += -16
    r2 = 10
    call bpf_dynptr_advance     ; view [10, 64): offset 10, size 54

    r1 = r10
    r1 += -16
    call bpf_dynptr_get_size    ; r0 = 54
    r6 = r0

    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr  ; releases ref 1; the consumer sees the record

    r0 = r6
    exit
