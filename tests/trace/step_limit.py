# trace-max-steps: 40
# expect-last-event: step_limit_reached
# expect-killed
# An endless loop: the trace stops at the limit and is complete at once.
n = 0
while True:
    n += 1
