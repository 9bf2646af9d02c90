//! Parks, zones and the industry-chain list.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, unique_violation};
use crate::domain::park::{Park, Zone, clean_name, clean_text};

/// What deleting a park takes with it; the UI names these before asking.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParkDependents {
    pub zones: i64,
    pub values: i64,
    pub projects: i64,
}

impl Store {
    pub fn parks(&self) -> Result<Vec<Park>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, name, level, region, notes FROM park ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Park { id: r.get(0)?, name: r.get(1)?, level: r.get(2)?, region: r.get(3)?, notes: r.get(4)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn park_by_name(&self, name: &str) -> Result<Option<Park>> {
        Ok(self.parks()?.into_iter().find(|p| p.name == name.trim()))
    }

    /// Inserts a park (its `id` is ignored) and returns the new id.
    pub fn insert_park(&mut self, park: &Park) -> Result<i64> {
        let name = clean_name(&park.name)?;
        clean_text(&park.notes)?;
        self.conn
            .execute(
                "INSERT INTO park (name, level, region, notes) VALUES (?1, ?2, ?3, ?4)",
                params![name, park.level, park.region, park.notes],
            )
            .map_err(|e| unique_violation(e, &name))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_park(&mut self, park: &Park) -> Result<()> {
        let name = clean_name(&park.name)?;
        clean_text(&park.notes)?;
        let n = self
            .conn
            .execute(
                "UPDATE park SET name = ?2, level = ?3, region = ?4, notes = ?5 WHERE id = ?1",
                params![park.id, name, park.level, park.region, park.notes],
            )
            .map_err(|e| unique_violation(e, &name))?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    pub fn park_dependents(&self, park_id: i64) -> Result<ParkDependents> {
        let count = |table: &str| -> Result<i64> {
            Ok(self.conn.query_row(
                &format!("SELECT COUNT(*) FROM {table} WHERE park_id = ?1"),
                [park_id],
                |r| r.get(0),
            )?)
        };
        Ok(ParkDependents { zones: count("zone")?, values: count("value")?, projects: count("project")? })
    }

    /// Deletes a park with its zones, values and projects, in one transaction.
    pub fn delete_park(&mut self, park_id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM park WHERE id = ?1", [park_id])?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    pub fn zones(&self) -> Result<Vec<Zone>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, park_id, name, notes FROM zone ORDER BY park_id, id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Zone { id: r.get(0)?, park_id: r.get(1)?, name: r.get(2)?, notes: r.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn insert_zone(&mut self, zone: &Zone) -> Result<i64> {
        let name = clean_name(&zone.name)?;
        self.conn
            .execute(
                "INSERT INTO zone (park_id, name, notes) VALUES (?1, ?2, ?3)",
                params![zone.park_id, name, zone.notes],
            )
            .map_err(|e| unique_violation(e, &name))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_zone(&mut self, zone: &Zone) -> Result<()> {
        let name = clean_name(&zone.name)?;
        self.conn
            .execute("UPDATE zone SET name = ?2, notes = ?3 WHERE id = ?1", params![zone.id, name, zone.notes])
            .map_err(|e| unique_violation(e, &name))?;
        Ok(())
    }

    /// Deletes a zone; its projects stay in the park with no zone.
    pub fn delete_zone(&mut self, zone_id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM zone WHERE id = ?1", [zone_id])?;
        Ok(())
    }

    pub fn zone_project_count(&self, zone_id: i64) -> Result<i64> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM project WHERE zone_id = ?1", [zone_id], |r| r.get(0))?)
    }

    /// The user-editable list of industry chains, plus any chain a project names.
    pub fn chains(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM chain UNION SELECT chain FROM project WHERE chain <> '' ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn add_chain(&mut self, name: &str) -> Result<()> {
        let name = clean_name(name)?;
        self.conn.execute("INSERT OR IGNORE INTO chain (name) VALUES (?1)", [name])?;
        Ok(())
    }

    pub fn zone_id_by_name(&self, park_id: i64, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM zone WHERE park_id = ?1 AND name = ?2", params![park_id, name], |r| r.get(0))
            .optional()?)
    }

    /// The park's presentation deck as stored (JSON the charts area reads), if any.
    pub fn deck_json(&self, park_id: i64) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT charts FROM deck WHERE park_id = ?1", [park_id], |r| r.get(0)).optional()?)
    }

    pub fn set_deck_json(&mut self, park_id: i64, json: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO deck (park_id, charts) VALUES (?1, ?2)
             ON CONFLICT (park_id) DO UPDATE SET charts = excluded.charts",
            params![park_id, json],
        )?;
        Ok(())
    }
}
