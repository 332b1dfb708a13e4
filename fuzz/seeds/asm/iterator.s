; Lesson: bpf_dynptr_iterator calls back with a shrinking view.
;
; The iterator clones the dynptr and calls `chunk` with the clone; the
; callback's return value is how many bytes to advance before the next
; call. Each call consumes 4 bytes of a 16-byte global (Call stack panel:
; every iteration and its return value).
;
; Look at the fifth call: the helper's loop tests `ptr_copy.size > 0`,
; and that word also holds the dynptr's type bits, so it is never 0 and
; the callback gets called once more with an empty view. This callback
; checks bpf_dynptr_get_size and returns 0 to stop; one that always
; returned 4 would make the iterator return -ERANGE. The counter at fp-24
; ends at 4.
.program test_dynptr_iterator syscall
.data buf 16 = [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]

    r1 = 0
    *(u64 *)(r10 - 24) = r1     ; the counter (callback ctx)

    r1 = buf ll                 ; 16 bytes of a global
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
    call bpf_dynptr_iterator    ; 0

    r0 = *(u64 *)(r10 - 24)     ; 4
    exit

; long chunk(struct bpf_dynptr *ptr, void *ctx): r1 = ptr, r2 = ctx
chunk:
    r6 = r2
    call bpf_dynptr_get_size    ; bytes left in this view
    if r0 == 0 goto stop
    r1 = *(u64 *)(r6 + 0)
    r1 += 1
    *(u64 *)(r6 + 0) = r1
    r0 = 4                      ; advance by 4
    exit
stop:
    r0 = 0                      ; empty view: stop iterating
    exit
