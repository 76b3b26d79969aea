# expect-last-event: uncaught_exception
# expect-exception: SyntaxError
# expect-steps: 1
def broken(:
    pass
