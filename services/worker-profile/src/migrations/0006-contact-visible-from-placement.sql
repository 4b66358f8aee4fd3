-- Whether an application gives its employer the applicant's contact is placement's rule (issue 13):
-- its application events carry `contactVisible`, kept here as it comes. Rows kept before are
-- filled once from their status as the rule stood then (interview, offered, hired).
ALTER TABLE {{schema}}.employer_applications ADD COLUMN contact_visible boolean NOT NULL DEFAULT false;
UPDATE {{schema}}.employer_applications SET contact_visible = status IN ('interview', 'offered', 'hired');
