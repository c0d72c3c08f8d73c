-- The days of the adjusted closes final-sel read for each recommendation ({"from", "to"} in its outcome): the page
-- charts those closes from split_stocks. Null for the rows of runs that ended before it was reported.
ALTER TABLE recommendations ADD COLUMN prices_from DATE NULL, ADD COLUMN prices_to DATE NULL;
