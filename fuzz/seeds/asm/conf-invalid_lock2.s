lock
exit
