import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from "@hubspot/ui-extensions";

// A combined score's threshold is fit letter + engagement digit (A1 best, C3 weakest): the 3×3 grid
// marks the record's cell.
const FIT = ["A", "B", "C"] as const;
const ENGAGEMENT = ["1", "2", "3"] as const;

export function CombinedGrid({ threshold }: { threshold: string | null }) {
  return (
    <Table bordered={true} testId="combined-grid">
      <TableHead>
        <TableRow>
          <TableHeader>Fit \ Engagement</TableHeader>
          {ENGAGEMENT.map((digit) => (
            <TableHeader key={digit}>{digit}</TableHeader>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {FIT.map((letter) => (
          <TableRow key={letter}>
            <TableCell>{letter}</TableCell>
            {ENGAGEMENT.map((digit) => {
              const cell = `${letter}${digit}`;
              return (
                <TableCell key={cell}>
                  <Text format={{ fontWeight: cell === threshold ? "bold" : "regular" }}>
                    {cell === threshold ? `▶ ${cell}` : cell}
                  </Text>
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
