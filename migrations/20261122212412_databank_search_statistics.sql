-- The search picks its plan from the planner's estimate of how many documents match. With the
-- default statistics a word outside the few hundred commonest is guessed at thousands of matches,
-- so rare words were walked in date order through the whole bank; 2,000 keeps 20,000 lexemes.
ALTER TABLE "bank_documents" ALTER COLUMN "search_vector" SET STATISTICS 2000;
