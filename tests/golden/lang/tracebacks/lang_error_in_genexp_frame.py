total = sum(len(x) for x in ["a", None])
