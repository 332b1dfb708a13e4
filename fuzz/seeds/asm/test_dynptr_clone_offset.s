; test_dynptr_clone_offset: bpf_dynptr_clone at an offset past the end fails
; with -ERANGE and leaves a null clone; an offset equal to the size gives an
; empty clone; a smaller offset advances the clone and not the parent.
; expect: accept
; packet: 00000000000000000000000008004500007b00000000000600000000000000000000000000000000000000000000500000000000007b
; run: r0 = 0
; run: err = 0
.program test_dynptr_clone_offset tc
.bss err 4

	r2 = 0
	r3 = r10
	r3 += -16
	call bpf_dynptr_from_skb
	r6 = 1
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_size
	r7 = r0				; 54 for pkt_v4
	r3 = r7
	r3 += 1
	r1 = r10
	r1 += -16
	r2 = r10
	r2 += -32
	call bpf_dynptr_clone		; one byte too far
	r6 = 2
	if r0 != -34 goto done
	r1 = r10
	r1 += -32
	call bpf_dynptr_is_null
	r6 = 3
	if r0 != 1 goto done
	r1 = r10
	r1 += -16
	r2 = r10
	r2 += -48
	r3 = r7
	call bpf_dynptr_clone		; exactly at the end
	r6 = 4
	if r0 != 0 goto done
	r1 = r10
	r1 += -48
	call bpf_dynptr_get_size
	r6 = 5
	if r0 != 0 goto done
	r1 = r10
	r1 += -16
	r2 = r10
	r2 += -64
	r3 = 14
	call bpf_dynptr_clone		; skip the Ethernet header
	r6 = 6
	if r0 != 0 goto done
	r1 = r10
	r1 += -64
	call bpf_dynptr_get_offset
	r6 = 7
	if r0 != 14 goto done
	r1 = r10
	r1 += -64
	call bpf_dynptr_get_size
	r8 = r7
	r8 += -14
	r6 = 8
	if r0 != r8 goto done
	r1 = r10
	r1 += -16
	call bpf_dynptr_get_offset
	r6 = 9
	if r0 != 0 goto done
	r6 = 0
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r0 = 0
	exit
