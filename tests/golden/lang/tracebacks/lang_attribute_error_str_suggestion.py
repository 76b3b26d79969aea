"hello".uper()
