; test_dynptr_iterator: bpf_dynptr_iterator calls the callback on a copy of the
; dynptr, advancing the copy by what the callback returns. Here the callback
; takes chunks of at most 10 bytes and counts them in a context on the
; caller's stack. The helper loops while the copy's raw size word is non-zero,
; and that word also holds the type bits, so after the last chunk the callback
; is called once more with an empty view and ends the iteration by returning 0:
; 54 bytes give 6 chunks and 7 calls.
; expect: accept
; packet: 00000000000000000000000008004500007b00000000000600000000000000000000000000000000000000000000500000000000007b
; run: r0 = 0
; run: err = 0
.program test_dynptr_iterator tc
.bss err 4

	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_skb
	r6 = 1
	if r0 != 0 goto done
	r1 = 0
	*(u64 *)(r10 - 32) = r1		; ctx.calls
	*(u64 *)(r10 - 24) = r1		; ctx.bytes
	r1 = r10
	r1 += -16
	r2 = test_dynptr_iterator_cb ll
	r3 = r10
	r3 += -32
	r4 = 0
	call bpf_dynptr_iterator
	r6 = 2
	if r0 != 0 goto done
	r1 = *(u64 *)(r10 - 32)
	r6 = 3
	if r1 != 7 goto done
	r1 = *(u64 *)(r10 - 24)
	r6 = 4
	if r1 != 54 goto done
	; the iterator worked on a copy: ptr itself did not move
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_offset
	r6 = 5
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_size
	r6 = 6
	if r0 != 54 goto done
	r6 = 0
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r0 = 0
	exit

test_dynptr_iterator_cb:
	; r1: the iterator's view; r2: the context on the caller's stack
	r6 = r2
	call bpf_dynptr_get_size
	if r0 <= 10 goto count
	r0 = 10
count:
	r1 = *(u64 *)(r6 + 0)
	r1 += 1
	*(u64 *)(r6 + 0) = r1
	r1 = *(u64 *)(r6 + 8)
	r1 += r0
	*(u64 *)(r6 + 8) = r1
	exit				; advance by min(size, 10); 0 ends the iteration
