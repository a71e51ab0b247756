-- Alerts keep their kind's message parameters, so the graph renders title and body in the reader's
-- language when they are read (alerts/messages.ts); older alerts keep their stored text.
ALTER TABLE "Alert" ADD COLUMN "params" JSONB;
