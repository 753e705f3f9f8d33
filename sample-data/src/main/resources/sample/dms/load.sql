-- Loads the CSV export into a PostgreSQL database: psql -d DB -f schema.sql -f load.sql (from the dms/ folder).
\copy qlvb.co_quan from 'csv/co_quan.csv' with (format csv, header true)
\copy qlvb.van_ban_di from 'csv/van_ban_di.csv' with (format csv, header true)
\copy qlvb.van_ban_den from 'csv/van_ban_den.csv' with (format csv, header true)
