or %r0, %r10
exit
