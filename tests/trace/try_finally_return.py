# `finally` runs even when the try block returns; a return inside finally replaces it.
def attempt(log):
    try:
        log.append("try")
        return "from try"
    finally:
        log.append("finally")


def override():
    try:
        return 1
    finally:
        return 2


log = []
print(attempt(log), log)
print(override())
