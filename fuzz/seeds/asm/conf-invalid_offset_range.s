# Offset is out of 16-bit range (hex)
ldxb %r0, [%r1+0x10000]
exit
