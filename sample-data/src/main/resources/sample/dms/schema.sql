-- Document management and operations system (QLVB&ĐH): the tables the warehouse extracts.
-- Generated sample; a real system has more columns, these are the ones the indicators use.
create schema if not exists qlvb;

create table if not exists qlvb.co_quan (
  ma_dinh_danh  varchar(32)  not null,               -- agency identifier, e.g. 000.00.11.H10
  ten_co_quan   text         not null,
  ma_tinh       varchar(2)   not null,             -- statistics-office province code in the agency's era
  cap           varchar(20)  not null,             -- department, district, commune
  hieu_luc_tu   date         not null,
  hieu_luc_den  date,
  primary key (ma_dinh_danh, hieu_luc_tu)            -- effective-dated: an agency may span both eras
);

-- Outgoing documents: number + notation unique per agency and year.
create table if not exists qlvb.van_ban_di (
  id                   bigint       primary key,
  ma_co_quan           varchar(32)  not null,
  so                   integer      not null,
  ky_hieu              varchar(50)  not null,
  so_ky_hieu           varchar(80)  not null,       -- e.g. 123/QĐ-STTTT
  nam                  integer      not null,
  ngay_ban_hanh        date         not null,
  loai_van_ban         varchar(50)  not null,
  trich_yeu            text         not null,
  nguoi_ky             text,
  da_ky_so             boolean      not null,
  thoi_gian_ky_so      timestamp,
  do_khan              varchar(20)  not null,       -- Thường, Khẩn, Thượng khẩn, Hỏa tốc
  do_mat               varchar(20)  not null,       -- Thường, Mật, Tối mật, Tuyệt mật
  gui_truc_lien_thong  boolean      not null,       -- sent over the national document axis
  xu_ly_tren_he_thong  boolean      not null,       -- handled in the system (not on paper)
  ngay_cap_nhat        timestamp    not null,       -- last change: the extraction watermark
  unique (ma_co_quan, nam, so_ky_hieu)
);

-- Incoming documents: registry number unique per agency and year.
create table if not exists qlvb.van_ban_den (
  id                    bigint       primary key,
  ma_co_quan            varchar(32)  not null,
  so_den                integer      not null,
  nam                   integer      not null,
  ngay_den              date         not null,
  so_ky_hieu_goc        varchar(80)  not null,
  co_quan_ban_hanh      text         not null,
  loai_van_ban          varchar(50)  not null,
  trich_yeu             text         not null,
  do_khan               varchar(20)  not null,
  do_mat                varchar(20)  not null,
  nhan_truc_lien_thong  boolean      not null,
  xu_ly_tren_he_thong   boolean      not null,
  han_xu_ly             date,
  ngay_hoan_thanh       date,
  ngay_cap_nhat         timestamp    not null,
  unique (ma_co_quan, nam, so_den)
);

create index if not exists van_ban_di_cap_nhat on qlvb.van_ban_di (ngay_cap_nhat);
create index if not exists van_ban_den_cap_nhat on qlvb.van_ban_den (ngay_cap_nhat);
