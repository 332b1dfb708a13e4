; about 1,000,000 instructions: a counter in a global, so the verifier
; proves the loop safe in a few steps while the VM runs it 249,000 times.
.program long syscall
.data n 8 = 0
    r2 = n ll
loop:
    r1 = *(u64 *)(r2 + 0)
    r1 += 1
    *(u64 *)(r2 + 0) = r1
    if r1 < 249000 goto loop
    r0 = 7
    exit
