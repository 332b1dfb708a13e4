ja NOT_A_LABEL
exit
