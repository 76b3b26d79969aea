size = len(5) + 1
