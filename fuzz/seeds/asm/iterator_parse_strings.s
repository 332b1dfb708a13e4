; iterator_parse_strings: the iterator as a parser. The global string
; "1,23,456,78" is viewed by a local dynptr; each callback call reads one
; decimal number (a bounded loop of 1-byte bpf_dynptr_read calls) up to and
; including the next comma, adds it to ctx.sum, and returns how many bytes it
; consumed. An empty view ends the iteration.
; expect: accept
; run: r0 = 0
; run: err = 0
.program iterator_parse_strings tp
.data str 16 = "1,23,456,78"
.bss err 4

	r1 = str ll
	r2 = 11
	r3 = 0
	r4 = r10
	r4 += -16
	call bpf_dynptr_from_mem
	r6 = 1
	if r0 != 0 goto done
	r1 = 0
	*(u64 *)(r10 - 32) = r1		; ctx.sum
	*(u64 *)(r10 - 24) = r1		; ctx.count
	r1 = r10
	r1 += -16
	r2 = parse_number ll
	r3 = r10
	r3 += -32
	r4 = 0
	call bpf_dynptr_iterator
	r6 = 2
	if r0 != 0 goto done
	r1 = *(u64 *)(r10 - 32)
	r6 = 3
	if r1 != 558 goto done		; 1 + 23 + 456 + 78
	r1 = *(u64 *)(r10 - 24)
	r6 = 4
	if r1 != 4 goto done
	r6 = 0
done:
	r1 = err ll
	*(u32 *)(r1 + 0) = r6
	r0 = 0
	exit

parse_number:
	; r1: the remaining view; r2: &ctx { u64 sum; u64 count; }
	r6 = r1
	r7 = r2
	r8 = 0				; bytes consumed
	r9 = 0				; the number
next_char:
	r1 = r10
	r1 += -8
	r2 = 1
	r3 = r6
	r4 = r8
	r5 = 0
	call bpf_dynptr_read
	if r0 != 0 goto number_done	; the view is exhausted
	r1 = *(u8 *)(r10 - 8)
	r8 += 1
	if r1 == 0x2c goto number_done	; ','
	r9 *= 10
	r1 += -48			; '0'
	r9 += r1
	if r8 < 8 goto next_char
number_done:
	if r8 == 0 goto empty
	r1 = *(u64 *)(r7 + 0)
	r1 += r9
	*(u64 *)(r7 + 0) = r1
	r1 = *(u64 *)(r7 + 8)
	r1 += 1
	*(u64 *)(r7 + 8) = r1
	r0 = r8
	exit
empty:
	r0 = 0
	exit
