; Lesson: bpf_dynptr_iterator calls back with a shrinking view.
;
; The iterator clones the dynptr and calls `chunk` with the clone; the
; callback's return value is how many bytes to advance before the next
; call. Here every call consumes 4 bytes of a 16-byte buffer: four
; iterations (Call stack panel: each iteration and its return value),
; then the view is empty and the iteration stops. The callback counts the
; iterations in the context word at fp-24.
.program test_dynptr_iterator syscall

    r1 = 0x0404040403030303 ll
    *(u64 *)(r10 - 40) = r1
    r1 = 0x0202020201010101 ll
    *(u64 *)(r10 - 32) = r1     ; 16 bytes at fp-40
    r1 = 0
    *(u64 *)(r10 - 24) = r1     ; the counter (callback ctx)

    r1 = r10
    r1 += -40
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_dynptr_from_mem

    r1 = r10
    r1 += -16                   ; the dynptr to iterate
    r2 = chunk ll               ; the callback
    r3 = r10
    r3 += -24                   ; callback_ctx: &counter
    r4 = 0
    call bpf_dynptr_iterator

    r0 = *(u64 *)(r10 - 24)     ; 4
    exit

; long chunk(struct bpf_dynptr *ptr, void *ctx): r1 = ptr, r2 = ctx
chunk:
    r1 = *(u64 *)(r2 + 0)
    r1 += 1
    *(u64 *)(r2 + 0) = r1
    r0 = 4                      ; advance by 4
    exit
