"""Many documents at once: one per person of a group (a base case and a table of people), or one
per case of a list, made in parallel processes from the command line or on a job queue for the
API and the form. Rendering is `docgen.render.render`, the same pure function as for one."""
