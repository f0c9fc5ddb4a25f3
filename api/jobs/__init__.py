"""Solve jobs: persisted in the store, run one per worker process, never in the server's event loop.

- `submit`: what the routes call to put a job in the queue (everything it needs to run again is in
  Job.input: the assembled plan, the timetable it starts from, the settings);
- `manager`: the JobManager the app starts: takes queued jobs oldest first, runs each in a worker process,
  keeps the progress, stops a job that is cancelled, fails only the job whose worker died, and after a
  restart queues again (or fails, with the reason) what was running;
- `worker`: what runs inside a worker process;
- `finish`: keeping a job's result (certified by the validator first).
"""
